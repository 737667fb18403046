import { treeHasher } from '../hash/tree-hasher.js';
import { MapTree } from '../testing/map-node-source.js';
import { NaiveMerkle } from '../testing/naive-merkle.js';
import { verifyConsistency, verifyInclusion } from '../verify/verify-proofs.js';
import { rootAt } from './node-source.js';
import { proveConsistency, proveInclusion } from './proofs.js';

/*
 * RFC 6962 SHA-256 test vectors from transparency-dev/merkle, testonly/constants.go
 * (Copyright Google LLC, Apache License 2.0). Leaves and the roots of the trees of
 * their first 1 to 8 leaves, as published there.
 */
const leavesHex = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const emptyRoot = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const roots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const hasher = treeHasher('sha256');
const naive = new NaiveMerkle(hasher);
const leaves = leavesHex.map((hex) => new Uint8Array(Buffer.from(hex, 'hex')));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('RFC 6962 test vectors (transparency-dev/merkle)', () => {
  const tree = new MapTree(hasher);
  const frontierRoots: string[] = [];
  for (const leaf of leaves) {
    tree.appendData(leaf);
    frontierRoots.push(hex(tree.frontier.root()));
  }

  it('gives the published root of the empty tree', async () => {
    expect(hex(hasher.emptyRoot())).toBe(emptyRoot);
    expect(hex(await rootAt(0, tree, hasher))).toBe(emptyRoot);
    expect(hex(naive.root([]))).toBe(emptyRoot);
  });

  it('gives the published root for sizes 1 to 8: incremental frontier, stored nodes and naive alike', async () => {
    expect(frontierRoots).toEqual(roots);
    for (let size = 1; size <= 8; size++) {
      expect(hex(await rootAt(size, tree, hasher))).toBe(roots[size - 1]);
      expect(hex(naive.root(leaves.slice(0, size)))).toBe(roots[size - 1]);
    }
  });

  it('serves every inclusion proof equal to the naive PATH, and each verifies against the published root', async () => {
    for (let size = 1; size <= 8; size++) {
      for (let index = 0; index < size; index++) {
        const proof = await proveInclusion(index, size, tree, hasher);
        expect(proof.path.map(hex)).toEqual(naive.path(index, leaves.slice(0, size)).map(hex));
        const root = Buffer.from(roots[size - 1]!, 'hex');
        expect(verifyInclusion(hasher, index, size, hasher.leaf(leaves[index]!), proof.path, root)).toBe(true);
        // The same path for another index or another leaf must not verify.
        expect(verifyInclusion(hasher, index, size, hasher.leaf(new Uint8Array([0xff])), proof.path, root)).toBe(false);
      }
    }
  });

  it('serves every consistency proof equal to the naive PROOF, and each verifies between the published roots', async () => {
    for (let to = 1; to <= 8; to++) {
      for (let from = 0; from <= to; from++) {
        const proof = await proveConsistency(from, to, tree, hasher);
        expect(proof.path.map(hex)).toEqual(naive.proof(from, leaves.slice(0, to)).map(hex));
        const fromRoot = from === 0 ? hasher.emptyRoot() : Buffer.from(roots[from - 1]!, 'hex');
        const toRoot = Buffer.from(roots[to - 1]!, 'hex');
        expect(verifyConsistency(hasher, from, to, proof.path, fromRoot, toRoot)).toBe(true);
        if (from > 0 && from < to) {
          const wrong = Buffer.from(roots[(from % 8)]!, 'hex'); // another size's root
          expect(verifyConsistency(hasher, from, to, proof.path, wrong, toRoot)).toBe(false);
        }
      }
    }
  });
});
