import { renameSync } from 'node:fs';
import { generateSigningKey, publicKeyRef, readKeyFile, writeKeyFile, type Checkpoint } from '@jixiao/transparency';
import type { EventStore } from '../port/event-store.js';
import { makeCheckpoint, recordCheckpoint } from './checkpoints.js';
import type { MerkleLog } from './merkle-log.js';

/**
 * Key rotation 密钥轮换: a fresh key is announced in a checkpoint signed by the old
 * one (nextKey), so a verifier that trusts the old key learns to trust the new one
 * from the log itself. The announcing checkpoint is recorded first; only then does the
 * key file change, the old key kept beside it as `<file>.<keyId>.retired`.
 */
export async function rotateSigningKey(
  store: EventStore,
  log: MerkleLog,
  keyFile: string,
  origin: string,
  now: () => Date,
): Promise<{ announcement: Checkpoint; retiredFile: string }> {
  const old = readKeyFile(keyFile).key;
  const next = generateSigningKey(old.algorithm);
  const announcement = await makeCheckpoint(log, old, origin, now().toISOString(), publicKeyRef(next.algorithm, next.publicKey));
  await recordCheckpoint(store, announcement, 'cli:audit rotate-key');
  const retiredFile = `${keyFile}.${old.keyId}.retired`;
  renameSync(keyFile, retiredFile);
  writeKeyFile(keyFile, next, now().toISOString());
  return { announcement, retiredFile };
}
