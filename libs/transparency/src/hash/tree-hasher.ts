import { createHash, hash } from 'node:crypto';

/**
 * Hash algorithm ids a tree may use. 'sha256' is RFC 6962's; 'sm3' is the 国密 hash
 * (GB/T 32905-2016), which Node 20's OpenSSL provides. The id travels with every
 * checkpoint and proof, so a verifier never guesses which one made a root.
 */
export type HashAlgorithm = 'sha256' | 'sm3';

export const hashAlgorithms: readonly HashAlgorithm[] = ['sha256', 'sm3'];

export function assertHashAlgorithm(value: unknown): asserts value is HashAlgorithm {
  if (!hashAlgorithms.includes(value as HashAlgorithm)) {
    throw new RangeError(`unknown hash algorithm ${JSON.stringify(value)}; use one of ${hashAlgorithms.join(', ')}`);
  }
}

/**
 * RFC 6962 §2.1 (RFC 9162 §2.1.1) hashing with domain separation: a leaf is
 * HASH(0x00 || data) and an interior node HASH(0x01 || left || right), so no leaf can
 * pass for a node. The empty tree's root is HASH() of nothing.
 */
export interface TreeHasher {
  readonly algorithm: HashAlgorithm;
  readonly size: number;
  emptyRoot(): Buffer;
  leaf(data: Uint8Array): Buffer;
  node(left: Uint8Array, right: Uint8Array): Buffer;
}

const leafPrefix = Buffer.from([0x00]);

/**
 * One-shot crypto.hash over a prefixed buffer: about twice as fast as createHash with
 * three updates (measured on this machine), and hashing is most of an append's tree cost.
 */
export function treeHasher(algorithm: HashAlgorithm = 'sha256'): TreeHasher {
  assertHashAlgorithm(algorithm);
  const pair = Buffer.alloc(65);
  pair[0] = 0x01;
  return {
    algorithm,
    size: 32,
    emptyRoot: () => createHash(algorithm).digest(),
    leaf: (data) => hash(algorithm, Buffer.concat([leafPrefix, data]), 'buffer'),
    node: (left, right) => {
      if (left.length !== 32 || right.length !== 32) throw new RangeError('a Merkle node joins two 32-byte hashes');
      pair.set(left, 1);
      pair.set(right, 33);
      return hash(algorithm, pair, 'buffer');
    },
  };
}
