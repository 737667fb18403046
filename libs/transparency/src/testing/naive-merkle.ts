import type { TreeHasher } from '../hash/tree-hasher.js';
import { splitPoint } from '../tree/ranges.js';

/**
 * RFC 6962 §2.1 written out literally, recomputing everything from the leaves: the
 * reference the incremental tree and the stored-node proofs are checked against in
 * tests. Quadratic and slow on purpose; nothing outside tests uses it.
 */
export class NaiveMerkle {
  constructor(private readonly hasher: TreeHasher) {}

  /** MTH(D[n]). */
  root(leaves: readonly Uint8Array[]): Buffer {
    if (leaves.length === 0) return this.hasher.emptyRoot();
    if (leaves.length === 1) return this.hasher.leaf(leaves[0]!);
    const k = splitPoint(leaves.length);
    return this.hasher.node(this.root(leaves.slice(0, k)), this.root(leaves.slice(k)));
  }

  /** PATH(m, D[n]). */
  path(m: number, leaves: readonly Uint8Array[]): Buffer[] {
    if (leaves.length <= 1) return [];
    const k = splitPoint(leaves.length);
    return m < k
      ? [...this.path(m, leaves.slice(0, k)), this.root(leaves.slice(k))]
      : [...this.path(m - k, leaves.slice(k)), this.root(leaves.slice(0, k))];
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
  proof(m: number, leaves: readonly Uint8Array[]): Buffer[] {
    return m === 0 ? [] : this.subproof(m, leaves, true);
  }

  private subproof(m: number, leaves: readonly Uint8Array[], whole: boolean): Buffer[] {
    const n = leaves.length;
    if (m === n) return whole ? [] : [this.root(leaves)];
    const k = splitPoint(n);
    return m <= k
      ? [...this.subproof(m, leaves.slice(0, k), whole), this.root(leaves.slice(k))]
      : [...this.subproof(m - k, leaves.slice(k), false), this.root(leaves.slice(0, k))];
  }
}
