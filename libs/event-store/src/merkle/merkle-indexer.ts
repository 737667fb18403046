import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { HashAlgorithm } from '@jixiao/transparency';
import type { EventStore, StoredEvent } from '../port/event-store.js';
import { SqliteMerkleTree } from '../sqlite/merkle-tree.js';

export interface MerkleIndexerOptions {
  /** The store whose global log the tree covers (EventStoreDB in practice; any adapter works). */
  readonly store: EventStore;
  /** A SQLite file of the indexer's own, e.g. <data dir>/merkle-index.sqlite. */
  readonly file: string;
  readonly hashAlgorithm?: HashAlgorithm;
  /** Events per transaction. */
  readonly batchSize?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * The Merkle tree of a store that cannot keep it in its own append transaction
 * (EventStoreDB): a subscriber reads the global log in order and adds one leaf per
 * event to a tree in a SQLite file of its own, each leaf mapped to the event's log
 * position. Proofs are served up to the indexer's position (its tree size).
 * Restartable: it resumes after the last position it holds.
 */
export class MerkleIndexer {
  readonly log: SqliteMerkleTree;
  private readonly db: Database.Database;
  private running?: Promise<void>;
  private readonly controller = new AbortController();

  constructor(private readonly options: MerkleIndexerOptions) {
    mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.log = new SqliteMerkleTree(this.db, undefined, options.hashAlgorithm);
  }

  /** Reads everything after the tree's last position; returns how many leaves it added. */
  async catchUp(): Promise<number> {
    let added = 0;
    let batch: StoredEvent[] = [];
    const size = this.options.batchSize ?? 1000;
    for await (const event of this.options.store.readAll({ after: this.log.lastPosition(), batchSize: size })) {
      batch.push(event);
      if (batch.length >= size) {
        this.log.appendInTransaction(batch);
        added += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) this.log.appendInTransaction(batch);
    return added + batch.length;
  }

  /** Follows the live log: catches up, then adds each batch the subscription delivers. */
  start(): void {
    this.running ??= (async () => {
      while (!this.controller.signal.aborted) {
        try {
          await this.catchUp();
          // Live: one transaction per event keeps the tree exactly at the last event added;
          // after any failure the loop resumes from there with a batched catch-up.
          for await (const event of this.options.store.subscribeToAll({ after: this.log.lastPosition(), signal: this.controller.signal })) {
            this.log.appendInTransaction([event]);
          }
        } catch (error) {
          // One failure (a dropped connection, a corrupt event) must not end the indexer.
          this.options.onError?.(error);
          await new Promise((resolve) => setTimeout(resolve, 1000).unref());
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
    this.db.close();
  }
}
