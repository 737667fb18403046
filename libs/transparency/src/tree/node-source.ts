import type { TreeHasher } from '../hash/tree-hasher.js';
import { frontierNodes, nodeKey, rangeNodes, type LeafRange, type NodeId } from './ranges.js';

/**
 * Where stored node hashes come from: a database table, or a map in a test. One call
 * per proof, so a PostgreSQL store answers in one round trip. It must return every
 * node asked for, keyed by nodeKey(level, index); a missing node is an error.
 */
export interface NodeSource {
  nodes(ids: readonly NodeId[]): Promise<ReadonlyMap<number, Uint8Array>> | ReadonlyMap<number, Uint8Array>;
}

export class MissingNodeError extends Error {
  constructor(readonly level: number, readonly index: number) {
    super(`Merkle node level ${level} index ${index} is missing from the store`);
    this.name = 'MissingNodeError';
  }
}

/** MTH of each range, from complete-subtree nodes: O(log n) lookups per range, fetched together. */
export async function rangeHashes(ranges: readonly LeafRange[], source: NodeSource, hasher: TreeHasher): Promise<Buffer[]> {
  const perRange = ranges.map(([start, end]) => rangeNodes(start, end));
  const found = await source.nodes(perRange.flat());
  return perRange.map((ids) => foldRight(ids, found, hasher));
}

/** The root of a tree of `size` leaves; the empty tree's root for size 0. */
export async function rootAt(size: number, source: NodeSource, hasher: TreeHasher): Promise<Buffer> {
  if (size === 0) return hasher.emptyRoot();
  const ids = frontierNodes(size);
  return foldRight(ids, await source.nodes(ids), hasher);
}

function foldRight(ids: readonly NodeId[], found: ReadonlyMap<number, Uint8Array>, hasher: TreeHasher): Buffer {
  const hashOf = (id: NodeId): Uint8Array => {
    const hash = found.get(nodeKey(id.level, id.index));
    if (!hash) throw new MissingNodeError(id.level, id.index);
    return hash;
  };
  let acc: Buffer = Buffer.from(hashOf(ids[ids.length - 1]!));
  for (let i = ids.length - 2; i >= 0; i--) acc = hasher.node(hashOf(ids[i]!), acc);
  return acc;
}
