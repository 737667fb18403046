import { CheckpointScheduler, MerkleIndexer, makeCheckpoint, merkleLogOf, recordCheckpoint, servedKey, type EventStore, type MerkleLog } from '@jixiao/event-store';
import { loadOrCreateKeyFile, type Checkpoint, type PublicKeyRef, type SigningKey } from '@jixiao/transparency';
import type { TransparencyConfig } from '@jixiao/application';

/**
 * The api's side of the Merkle log: the store's tree (SQLite, PostgreSQL) or a
 * subscriber's (EventStoreDB, MerkleIndexer), the installation's signing key (a file
 * outside the store, created on first start) and the automatic checkpoints.
 */
export class Transparency {
  readonly log: MerkleLog | undefined;
  private scheduler?: CheckpointScheduler;
  private readonly indexer?: MerkleIndexer;

  constructor(
    private readonly store: EventStore,
    readonly config: TransparencyConfig,
    private readonly clock: () => Date,
  ) {
    const own = merkleLogOf(store);
    if (!own && store.adapter === 'eventstoredb') this.indexer = new MerkleIndexer({ store, file: config.indexFile });
    this.log = own ?? this.indexer?.log;
  }

  /** Creates the key file when missing; returns the public key and whether it was just made. */
  ensureKey(): { key: PublicKeyRef; created: boolean } {
    const file = loadOrCreateKeyFile(this.config.signingKeyFile, this.clock);
    return { key: servedKey(file.key), created: file.created };
  }

  /** Read from the file each time, so a rotation by the CLI takes effect at once; made on first use. */
  signingKey(): SigningKey {
    return loadOrCreateKeyFile(this.config.signingKeyFile, this.clock).key;
  }

  publicKey(): PublicKeyRef {
    return servedKey(this.signingKey());
  }

  /** Starts the automatic checkpoints (every N events or M minutes) when the adapter keeps a tree. */
  start(onError: (error: unknown) => void): void {
    if (!this.log || this.scheduler) return;
    this.indexer?.start();
    this.scheduler = new CheckpointScheduler({
      store: this.store,
      log: this.log,
      key: () => this.signingKey(),
      origin: this.config.origin,
      policy: this.config,
      clock: this.clock,
      pollMs: this.config.pollMs,
      onError,
    });
    this.scheduler.start();
  }

  async stop(): Promise<void> {
    await this.scheduler?.stop();
    await this.indexer?.stop();
  }

  /** A checkpoint on demand, signed and recorded. */
  async checkpointNow(actor: string): Promise<{ checkpoint: Checkpoint; recordedAtPosition: number }> {
    const log = this.requireLog();
    const checkpoint = await makeCheckpoint(log, this.signingKey(), this.config.origin, this.clock().toISOString());
    return { checkpoint, recordedAtPosition: await recordCheckpoint(this.store, checkpoint, actor) };
  }

  requireLog(): MerkleLog {
    if (!this.log) throw new Error(`the ${this.store.adapter} adapter keeps no Merkle tree in this process`);
    return this.log;
  }
}
