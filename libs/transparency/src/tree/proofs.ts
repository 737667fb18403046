import type { TreeHasher } from '../hash/tree-hasher.js';
import { rangeHashes, type NodeSource } from './node-source.js';
import { consistencyRanges, inclusionRanges } from './ranges.js';

/** RFC 9162 §2.1.3: the audit path of one leaf in a tree of `treeSize` leaves, nearest the leaf first. */
export interface InclusionProof {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly path: readonly Buffer[];
}

/** RFC 9162 §2.1.4: the nodes that show a tree of `to` leaves extends the tree of its first `from` leaves. */
export interface ConsistencyProof {
  readonly from: number;
  readonly to: number;
  readonly path: readonly Buffer[];
}

export async function proveInclusion(
  leafIndex: number,
  treeSize: number,
  source: NodeSource,
  hasher: TreeHasher,
): Promise<InclusionProof> {
  return { leafIndex, treeSize, path: await rangeHashes(inclusionRanges(leafIndex, treeSize), source, hasher) };
}

export async function proveConsistency(from: number, to: number, source: NodeSource, hasher: TreeHasher): Promise<ConsistencyProof> {
  return { from, to, path: await rangeHashes(consistencyRanges(from, to), source, hasher) };
}
