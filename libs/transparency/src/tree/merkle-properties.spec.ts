import fc from 'fast-check';
import { treeHasher, type HashAlgorithm } from '../hash/tree-hasher.js';
import { MapTree } from '../testing/map-node-source.js';
import { NaiveMerkle } from '../testing/naive-merkle.js';
import { verifyConsistency, verifyInclusion } from '../verify/verify-proofs.js';
import { rootAt } from './node-source.js';
import { proveConsistency, proveInclusion } from './proofs.js';

const flip = (bytes: Uint8Array, at: number): Buffer => {
  const copy = Buffer.from(bytes);
  copy[at % copy.length] ^= 0x01;
  return copy;
};

/** A random append sequence, with checkpoints taken at random points along it. */
const scenario = fc.record({
  leaves: fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 70 }),
  cuts: fc.array(fc.nat(), { minLength: 2, maxLength: 4 }),
  index: fc.nat(),
  byte: fc.nat(),
});

describe.each<HashAlgorithm>(['sha256', 'sm3'])('the incremental tree against a naive %s implementation', (algorithm) => {
  const hasher = treeHasher(algorithm);
  const naive = new NaiveMerkle(hasher);

  it('every inclusion proof verifies, equals the naive one, and fails when any byte is flipped', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ leaves, cuts, index, byte }) => {
        const tree = new MapTree(hasher);
        leaves.forEach((leaf) => tree.appendData(leaf));
        for (const cut of cuts) {
          const size = 1 + (cut % leaves.length);
          const root = naive.root(leaves.slice(0, size));
          expect(await rootAt(size, tree, hasher)).toEqual(root);
          const leafIndex = index % size;
          const proof = await proveInclusion(leafIndex, size, tree, hasher);
          expect(proof.path).toEqual(naive.path(leafIndex, leaves.slice(0, size)));
          const leafHash = hasher.leaf(leaves[leafIndex]!);
          expect(verifyInclusion(hasher, leafIndex, size, leafHash, proof.path, root)).toBe(true);
          expect(verifyInclusion(hasher, leafIndex, size, flip(leafHash, byte), proof.path, root)).toBe(false);
          expect(verifyInclusion(hasher, leafIndex, size, leafHash, proof.path, flip(root, byte))).toBe(false);
          if (proof.path.length > 0) {
            const at = byte % proof.path.length;
            const bent = proof.path.map((p, i) => (i === at ? flip(p, byte >> 3) : p));
            expect(verifyInclusion(hasher, leafIndex, size, leafHash, bent, root)).toBe(false);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('every consistency proof between two checkpoints verifies, equals the naive one, and fails when any byte is flipped', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ leaves, cuts, byte }) => {
        const tree = new MapTree(hasher);
        leaves.forEach((leaf) => tree.appendData(leaf));
        const sizes = [...new Set(cuts.map((c) => c % (leaves.length + 1)))].sort((a, b) => a - b);
        for (let i = 0; i < sizes.length; i++) {
          for (let j = i; j < sizes.length; j++) {
            const [from, to] = [sizes[i]!, sizes[j]!];
            const fromRoot = naive.root(leaves.slice(0, from));
            const toRoot = naive.root(leaves.slice(0, to));
            const proof = await proveConsistency(from, to, tree, hasher);
            expect(proof.path).toEqual(naive.proof(from, leaves.slice(0, to)));
            expect(verifyConsistency(hasher, from, to, proof.path, fromRoot, toRoot)).toBe(true);
            expect(verifyConsistency(hasher, from, to, proof.path, flip(fromRoot, byte), toRoot)).toBe(false);
            // The empty tree is extended by every tree, so only a non-empty one pins the later root.
            if (from > 0) expect(verifyConsistency(hasher, from, to, proof.path, fromRoot, flip(toRoot, byte))).toBe(false);
            if (proof.path.length > 0) {
              const at = byte % proof.path.length;
              const bent = proof.path.map((p, k) => (k === at ? flip(p, byte >> 3) : p));
              expect(verifyConsistency(hasher, from, to, bent, fromRoot, toRoot)).toBe(false);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a tree whose prefix was rewritten fails the consistency proof against the earlier root', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ leaves, index, byte }) => {
        fc.pre(leaves.length >= 2);
        const from = 1 + (index % (leaves.length - 1));
        const fromRoot = naive.root(leaves.slice(0, from));
        const rewritten = leaves.map((leaf, i) => (i === byte % from ? flip(leaf.length ? leaf : new Uint8Array([0]), 0) : leaf));
        const tree = new MapTree(hasher);
        rewritten.forEach((leaf) => tree.appendData(leaf));
        const proof = await proveConsistency(from, leaves.length, tree, hasher);
        expect(verifyConsistency(hasher, from, leaves.length, proof.path, fromRoot, tree.frontier.root())).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
