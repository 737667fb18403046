import { v7 as uuidv7 } from 'uuid';
import {
  parseCheckpoint,
  parseCosignature,
  publicKeyRef,
  signCheckpoint,
  verifyCheckpointSignature,
  verifyCosignature,
  type Checkpoint,
  type Cosignature,
  type PublicKeyRef,
  type SigningKey,
} from '@jixiao/transparency';
import { StreamNotFoundError } from '../port/errors.js';
import type { EventStore } from '../port/event-store.js';
import type { MerkleLog } from './merkle-log.js';

/** Checkpoints and co-signatures live in streams of their own, like anchors. */
export const checkpointStream = 'transparency-checkpoints';
export const cosignatureStream = 'transparency-cosignatures';

/** A recorded checkpoint, with the global position of the event that records it and the co-signatures it has. */
export interface RecordedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly recordedAtPosition: number;
}

/**
 * Signs the tree as it stands: its size, its root, the algorithm, the time. With
 * `nextKey`, the checkpoint announces the key that signs from the next one on (rotation).
 */
export async function makeCheckpoint(
  log: MerkleLog,
  key: SigningKey,
  origin: string,
  issuedAt: string,
  nextKey?: PublicKeyRef,
): Promise<Checkpoint> {
  const treeSize = await log.size();
  const rootHash = (await log.root(treeSize)).toString('hex');
  return signCheckpoint({ origin, hashAlgorithm: log.hashAlgorithm, treeSize, rootHash, issuedAt, ...(nextKey ? { nextKey } : {}) }, key);
}

export async function recordCheckpoint(store: EventStore, checkpoint: Checkpoint, actor: string): Promise<number> {
  const result = await store.append(
    checkpointStream,
    [{ id: uuidv7(), type: 'CheckpointSigned', schemaVersion: 1, data: { ...checkpoint }, metadata: { actor } }],
    'any',
  );
  return result.position;
}

/** Every recorded checkpoint, smallest tree first, each with the co-signatures recorded for it. */
export async function recordedCheckpoints(store: EventStore): Promise<RecordedCheckpoint[]> {
  const cosignatures = new Map<string, Cosignature[]>();
  for (const event of await readOrEmpty(store, cosignatureStream)) {
    const { treeSize, rootHash, cosignature } = event.data as { treeSize: number; rootHash: string; cosignature: unknown };
    const k = `${treeSize}:${rootHash}`;
    cosignatures.set(k, [...(cosignatures.get(k) ?? []), parseCosignature(cosignature)]);
  }
  const out: RecordedCheckpoint[] = [];
  for (const event of await readOrEmpty(store, checkpointStream)) {
    const checkpoint = parseCheckpoint(event.data);
    const cosigned = cosignatures.get(`${checkpoint.treeSize}:${checkpoint.rootHash}`) ?? [];
    out.push({ checkpoint: cosigned.length ? { ...checkpoint, cosignatures: cosigned } : checkpoint, recordedAtPosition: event.position });
  }
  return out.sort((a, b) => a.checkpoint.treeSize - b.checkpoint.treeSize || a.recordedAtPosition - b.recordedAtPosition);
}

export class CosignatureRefused extends Error {
  constructor(readonly reason: 'no-checkpoint' | 'bad-signature', message: string) {
    super(message);
    this.name = 'CosignatureRefused';
  }
}

/**
 * Stores a witness's co-signature of a recorded checkpoint, after checking it: the
 * checkpoint of that size and root must be ours, signed, and the co-signature must
 * verify over it. Otherwise nothing is written.
 */
export async function recordCosignature(store: EventStore, treeSize: number, rootHash: string, cosignature: Cosignature, actor: string): Promise<Checkpoint> {
  const found = (await recordedCheckpoints(store)).find((r) => r.checkpoint.treeSize === treeSize && r.checkpoint.rootHash === rootHash);
  if (!found || !(await verifyCheckpointSignature(found.checkpoint))) {
    throw new CosignatureRefused('no-checkpoint', `no signed checkpoint of size ${treeSize} with root ${rootHash.slice(0, 16)}…`);
  }
  if (!(await verifyCosignature(found.checkpoint, cosignature))) {
    throw new CosignatureRefused('bad-signature', `the co-signature by ${cosignature.witness} does not verify over checkpoint ${treeSize}`);
  }
  await store.append(
    cosignatureStream,
    [{ id: uuidv7(), type: 'CheckpointCosigned', schemaVersion: 1, data: { treeSize, rootHash, cosignature: { ...cosignature } }, metadata: { actor } }],
    'any',
  );
  return { ...found.checkpoint, cosignatures: [...(found.checkpoint.cosignatures ?? []), cosignature] };
}

/** For each witness, the tree sizes of the checkpoints it co-signed. */
export function cosignedByWitness(checkpoints: readonly RecordedCheckpoint[]): Map<string, { keyId: string; treeSizes: number[] }> {
  const out = new Map<string, { keyId: string; treeSizes: number[] }>();
  for (const { checkpoint } of checkpoints) {
    for (const c of checkpoint.cosignatures ?? []) {
      const entry = out.get(c.witness) ?? { keyId: c.key.keyId, treeSizes: [] };
      entry.treeSizes.push(checkpoint.treeSize);
      out.set(c.witness, entry);
    }
  }
  return out;
}

/** The public part of a signing key, as served and printed. */
export const servedKey = (key: SigningKey): PublicKeyRef => publicKeyRef(key.algorithm, key.publicKey);

async function readOrEmpty(store: EventStore, stream: string) {
  const events = [];
  try {
    for await (const event of store.readStream(stream)) events.push(event);
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return events;
}
