import type { ConsistencyProof, HashAlgorithm, InclusionProof, NodeId } from '@jixiao/transparency';
import type { EventStore } from '../port/event-store.js';

/**
 * The Merkle tree over the global log 全局日志默克尔树 (RFC 6962), one leaf per
 * stored event in global order. SQLite and PostgreSQL maintain it in the append
 * transaction; on EventStoreDB a subscriber builds it (MerkleIndexer). Proofs are
 * O(log n) node lookups, never a walk of the log.
 */
export interface MerkleLog {
  readonly hashAlgorithm: HashAlgorithm;
  /** Leaves in the tree: every event in SQL stores, the subscriber's position on EventStoreDB. */
  size(): Promise<number>;
  /** Root of the tree of the first `treeSize` leaves. Throws RangeError beyond size(). */
  root(treeSize: number): Promise<Buffer>;
  leafHash(leafIndex: number): Promise<Buffer>;
  inclusionProof(leafIndex: number, treeSize: number): Promise<InclusionProof>;
  consistencyProof(from: number, to: number): Promise<ConsistencyProof>;
  /** The leaf of a stored event's global position, undefined when the tree has not reached it. */
  leafIndexOf(position: number): Promise<number | undefined>;
  /** The global position of a leaf. */
  positionOf(leafIndex: number): Promise<number | undefined>;
  /** Stored nodes by id (for verification); a node not stored is absent from the map. */
  storedNodes(ids: readonly NodeId[]): Promise<ReadonlyMap<number, Uint8Array>>;
}

/** An adapter that keeps a Merkle tree itself. */
export interface WithMerkleLog {
  readonly merkleLog: MerkleLog;
}

/** The store's own tree, when its adapter keeps one (SQLite, PostgreSQL). */
export function merkleLogOf(store: EventStore): MerkleLog | undefined {
  const log = (store as Partial<WithMerkleLog>).merkleLog;
  return log && typeof log.inclusionProof === 'function' ? log : undefined;
}

/** Refuses sizes a tree of `size` leaves cannot answer for, with the reason in the message. */
export function assertWithinTree(what: string, value: number, size: number, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min || value > size) {
    throw new RangeError(`${what} ${value} is outside the tree (${min} to ${size})`);
  }
}
