import type { TreeHasher } from '../hash/tree-hasher.js';

const isOdd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);
const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

/**
 * RFC 9162 §2.1.3.2: does `path` prove that `leafHash` is leaf `leafIndex` of the tree
 * of `treeSize` leaves whose root is `root`? Returns false rather than throwing, so a
 * verifier can report which check failed. Follows the RFC's steps one for one.
 */
export function verifyInclusion(
  hasher: TreeHasher,
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  path: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) return false;
  if (!wellFormed(hasher, [leafHash, root, ...path])) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = leafHash;
  for (const p of path) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = hasher.node(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hasher.node(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && same(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `path` prove that the tree of `to` leaves with root `toRoot`
 * extends the tree of its first `from` leaves with root `fromRoot`, unchanged? A tree of
 * size 0 is extended by every tree (its root must be the empty root); equal sizes need
 * an empty path and equal roots.
 */
export function verifyConsistency(
  hasher: TreeHasher,
  from: number,
  to: number,
  path: readonly Uint8Array[],
  fromRoot: Uint8Array,
  toRoot: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to) return false;
  if (!wellFormed(hasher, [fromRoot, toRoot, ...path])) return false;
  if (from === 0) return path.length === 0 && same(fromRoot, hasher.emptyRoot());
  if (from === to) return path.length === 0 && same(fromRoot, toRoot);
  if (path.length === 0) return false;
  // Step 2: when `from` is a power of two its root is the first node of the path.
  const nodes = isPowerOfTwo(from) ? [fromRoot, ...path] : [...path];
  let fn = from - 1;
  let sn = to - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Uint8Array = nodes[0]!;
  let sr: Uint8Array = nodes[0]!;
  for (const c of nodes.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = hasher.node(c, fr);
      sr = hasher.node(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hasher.node(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && same(fr, fromRoot) && same(sr, toRoot);
}

function isPowerOfTwo(n: number): boolean {
  while (n > 1) {
    if (isOdd(n)) return false;
    n = half(n);
  }
  return n === 1;
}

/** Every hash of the right length: a hostile proof gets false, never an exception. */
function wellFormed(hasher: TreeHasher, hashes: readonly Uint8Array[]): boolean {
  return hashes.every((h) => h instanceof Uint8Array && h.length === hasher.size);
}
