/**
 * Tree geometry by leaf ranges, with no hashing in it. Sizes and indices are plain
 * numbers (safe to 2^53), so arithmetic stays off 32-bit bitwise operators.
 */

/** A stored node: the root of the complete subtree over leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** A half-open leaf range [start, end) whose Merkle tree hash a proof needs. */
export type LeafRange = readonly [start: number, end: number];

/** One number per node, for a database key: index·64 + level (levels stay below 64). */
export function nodeKey(level: number, index: number): number {
  return index * 64 + level;
}

/** The largest power of two strictly below n (n ≥ 2): RFC 6962's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The complete subtrees that make up [start, end), largest first, each aligned to
 * its own size. For the ranges RFC 6962 proofs ask about (a subtree's right edge),
 * sizes strictly decrease, so MTH(range) folds these from the right.
 */
export function rangeNodes(start: number, end: number): NodeId[] {
  const out: NodeId[] = [];
  let at = start;
  while (at < end) {
    let level = 0;
    let width = 1;
    while (at % (width * 2) === 0 && at + width * 2 <= end) {
      width *= 2;
      level++;
    }
    out.push({ level, index: at / width });
    at += width;
  }
  return out;
}

/** The nodes whose hashes, folded, give the root of a tree of `size` leaves: its right edge ("frontier"). */
export function frontierNodes(size: number): NodeId[] {
  return rangeNodes(0, size);
}

/** RFC 6962 §2.1.1 PATH(m, D[n]) as leaf ranges, nearest the leaf first. */
export function inclusionRanges(leafIndex: number, size: number): LeafRange[] {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(size) || leafIndex < 0 || leafIndex >= size) {
    throw new RangeError(`leaf index ${leafIndex} is not in a tree of size ${size}`);
  }
  const out: LeafRange[] = [];
  const path = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, start + k);
      out.push([start + k, end]);
    } else {
      path(m - k, start + k, end);
      out.push([start, start + k]);
    }
  };
  path(leafIndex, 0, size);
  return out;
}

/** RFC 6962 §2.1.2 PROOF(m, D[n]) (SUBPROOF with b = true) as leaf ranges. Empty when 0 < from = to or from = 0. */
export function consistencyRanges(from: number, to: number): LeafRange[] {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to) {
    throw new RangeError(`no consistency proof from size ${from} to size ${to}`);
  }
  const out: LeafRange[] = [];
  if (from === 0 || from === to) return out;
  const subproof = (m: number, start: number, end: number, whole: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!whole) out.push([start, end]);
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, start, start + k, whole);
      out.push([start + k, end]);
    } else {
      subproof(m - k, start + k, end, false);
      out.push([start, start + k]);
    }
  };
  subproof(from, 0, to, true);
  return out;
}
