import type { TreeHasher } from '../hash/tree-hasher.js';
import { nodeKey } from './ranges.js';

/** A node the tree gained: store it under nodeKey(level, index). */
export interface NewNode {
  readonly key: number;
  readonly level: number;
  readonly index: number;
  readonly hash: Buffer;
}

/**
 * The compact frontier of an append-only Merkle tree: the roots of the complete
 * subtrees on its right edge, one per set bit of the size (at most log2 n + 1 hashes).
 * Appending a leaf works like a binary counter's carry: every complete subtree it
 * closes becomes a new stored node. So appends cost O(1) amortised hashes and the
 * root is O(log n) away, never a recomputation of the tree.
 */
export class Frontier {
  /** hashes[level] is the root of the right-edge subtree of 2^level leaves, when that bit of size is set. */
  private readonly hashes: (Buffer | undefined)[];

  constructor(private readonly hasher: TreeHasher, private currentSize = 0, hashes: (Buffer | undefined)[] = []) {
    this.hashes = hashes;
  }

  get size(): number {
    return this.currentSize;
  }

  /** Adds one leaf hash; returns the nodes it creates: the leaf itself and each parent it completes. */
  append(leafHash: Buffer): NewNode[] {
    const created: NewNode[] = [];
    let index = this.currentSize;
    let level = 0;
    let hash = leafHash;
    created.push({ key: nodeKey(0, index), level: 0, index, hash });
    while (index % 2 === 1) {
      const left = this.hashes[level]!;
      this.hashes[level] = undefined;
      hash = this.hasher.node(left, hash);
      level++;
      index = (index - 1) / 2;
      created.push({ key: nodeKey(level, index), level, index, hash });
    }
    this.hashes[level] = hash;
    this.currentSize++;
    return created;
  }

  /** MTH of every leaf so far (RFC 6962 §2.1): the frontier folded from its smallest subtree up. */
  root(): Buffer {
    let acc: Buffer | undefined;
    for (const hash of this.hashes) {
      if (!hash) continue;
      acc = acc ? this.hasher.node(hash, acc) : hash;
    }
    return acc ?? this.hasher.emptyRoot();
  }

  /** A copy that can be advanced without touching this one (a transaction that may roll back). */
  clone(): Frontier {
    return new Frontier(this.hasher, this.currentSize, [...this.hashes]);
  }

  /** Rebuilds the frontier of a stored tree from its right-edge nodes (see frontierNodes). */
  static fromNodes(hasher: TreeHasher, size: number, nodes: ReadonlyMap<number, Uint8Array>): Frontier {
    const hashes: (Buffer | undefined)[] = [];
    let start = 0;
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level;
      if (start + width > size) continue;
      const hash = nodes.get(nodeKey(level, start / width));
      if (!hash) throw new Error(`Merkle frontier node level ${level} index ${start / width} is missing`);
      hashes[level] = Buffer.from(hash);
      start += width;
    }
    return new Frontier(hasher, size, hashes);
  }
}
