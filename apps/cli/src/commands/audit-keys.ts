import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  MerkleIndexer,
  cosignedByWitness,
  makeCheckpoint,
  merkleLogOf,
  recordCheckpoint,
  recordedCheckpoints,
  rotateSigningKey,
  servedKey,
  type EventStore,
  type MerkleLog,
} from '@jixiao/event-store';
import { cosignCheckpoint, generateSigningKey, loadOrCreateKeyFile, parseCheckpoint, readKeyFile, writeKeyFile } from '@jixiao/transparency';
import type { TransparencyConfig } from '@jixiao/application';
import { UsageError, type Output } from './output.js';

/** The store's own tree, or on EventStoreDB the subscriber's, brought up to date first. */
async function logOf(store: EventStore, config: TransparencyConfig): Promise<MerkleLog> {
  const own = merkleLogOf(store);
  if (own) return own;
  const indexer = new MerkleIndexer({ store, file: config.indexFile });
  await indexer.catchUp();
  return indexer.log;
}

/** audit checkpoint: sign and record the tree as it stands; prints (or writes) the checkpoint to keep. */
export async function auditCheckpoint(store: EventStore, config: TransparencyConfig, clock: () => Date, out: Output, file?: string) {
  const key = loadOrCreateKeyFile(config.signingKeyFile, clock).key;
  const checkpoint = await makeCheckpoint(await logOf(store, config), key, config.origin, clock().toISOString());
  await recordCheckpoint(store, checkpoint, 'cli:audit checkpoint');
  const text = JSON.stringify(checkpoint, null, 2) + '\n';
  if (file) {
    writeFileSync(file, text);
    out.line(`checkpoint of ${checkpoint.treeSize} events written to ${file}`);
  } else out.line(text.trimEnd());
  return checkpoint;
}

/** audit public-key: the installation's key, as served at GET /audit/public-key. */
export function auditPublicKey(config: TransparencyConfig, clock: () => Date, out: Output) {
  const { key, created } = loadOrCreateKeyFile(config.signingKeyFile, clock);
  out.line(JSON.stringify(servedKey(key)));
  out.error(`${created ? 'created ' : ''}${config.signingKeyFile}`);
}

/** audit rotate-key: announce a fresh key in a checkpoint signed by the current one, then switch to it. */
export async function auditRotateKey(store: EventStore, config: TransparencyConfig, clock: () => Date, out: Output) {
  loadOrCreateKeyFile(config.signingKeyFile, clock);
  const { announcement, retiredFile } = await rotateSigningKey(store, await logOf(store, config), config.signingKeyFile, config.origin, clock);
  out.line(`checkpoint ${announcement.treeSize} signed by ${announcement.key.keyId} announces ${announcement.nextKey!.keyId}`);
  out.line(`new key in ${config.signingKeyFile}; the old one kept as ${retiredFile}`);
}

/** audit witness-key: a key pair for an audit office, in a file the office keeps (never the installation's). */
export function auditWitnessKey(file: string, clock: () => Date, out: Output) {
  if (existsSync(file)) throw new UsageError(`${file} exists; it is not overwritten`);
  const key = generateSigningKey();
  writeKeyFile(file, key, clock().toISOString());
  out.line(JSON.stringify(servedKey(key)));
}

/** audit cosign: an audit office co-signs a checkpoint it verified, offline; POST the output to /audit/cosignatures. */
export async function auditCosign(options: { checkpoint: string; key: string; witness: string; out?: string }, clock: () => Date, out: Output) {
  let checkpoint;
  try {
    checkpoint = parseCheckpoint(JSON.parse(readFileSync(options.checkpoint, 'utf8')));
  } catch (error) {
    throw new UsageError(`${options.checkpoint}: ${(error as Error).message}`);
  }
  const cosignature = await cosignCheckpoint(checkpoint, options.witness, readKeyFile(options.key).key, clock().toISOString());
  const text = JSON.stringify({ checkpoint, cosignature }, null, 2) + '\n';
  if (options.out) {
    writeFileSync(options.out, text);
    out.line(`co-signature by ${options.witness} of checkpoint ${checkpoint.treeSize} written to ${options.out}`);
  } else out.line(text.trimEnd());
}

/** audit witnesses: which checkpoints each audit office has co-signed. */
export async function auditWitnesses(store: EventStore, out: Output) {
  const checkpoints = await recordedCheckpoints(store);
  const byWitness = cosignedByWitness(checkpoints);
  out.line(`${checkpoints.length} checkpoint(s); latest tree size ${checkpoints.at(-1)?.checkpoint.treeSize ?? '-'}`);
  if (byWitness.size === 0) out.line('no co-signatures yet');
  for (const [witness, { keyId, treeSizes }] of [...byWitness].sort(([a], [b]) => a.localeCompare(b))) {
    out.line(`${witness} (key ${keyId}): ${treeSizes.length} checkpoint(s), sizes ${treeSizes.join(', ')}`);
  }
  return byWitness;
}
