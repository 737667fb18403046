import { createHash, randomBytes } from 'node:crypto';
import * as ed from '@noble/ed25519';

// @noble/ed25519 leaves SHA-512 to the host; Node's own is the fastest at hand.
ed.hashes.sha512 = (message: Uint8Array) => new Uint8Array(createHash('sha512').update(message).digest());

/** Signature algorithm ids. Ed25519 (RFC 8032) is the default and the only one this release signs with. */
export type SignatureAlgorithm = 'ed25519';

export const signatureAlgorithms: readonly SignatureAlgorithm[] = ['ed25519'];

export function assertSignatureAlgorithm(value: unknown): asserts value is SignatureAlgorithm {
  if (!signatureAlgorithms.includes(value as SignatureAlgorithm)) {
    throw new RangeError(`unknown signature algorithm ${JSON.stringify(value)}; use one of ${signatureAlgorithms.join(', ')}`);
  }
}

/** A public key as checkpoints name it: the algorithm, the key (hex) and its short id. */
export interface PublicKeyRef {
  readonly algorithm: SignatureAlgorithm;
  /** Hex of the raw public key (32 bytes for Ed25519). */
  readonly publicKey: string;
  /** First 8 bytes (hex) of SHA-256("<algorithm>:<publicKey hex>"): a name for the key, not a secret. */
  readonly keyId: string;
}

export interface SigningKey extends PublicKeyRef {
  /** Hex of the raw secret key. */
  readonly secretKey: string;
}

export function keyIdOf(algorithm: SignatureAlgorithm, publicKeyHex: string): string {
  return createHash('sha256').update(`${algorithm}:${publicKeyHex}`).digest('hex').slice(0, 16);
}

export function publicKeyRef(algorithm: SignatureAlgorithm, publicKeyHex: string): PublicKeyRef {
  return { algorithm, publicKey: publicKeyHex, keyId: keyIdOf(algorithm, publicKeyHex) };
}

export function generateSigningKey(algorithm: SignatureAlgorithm = 'ed25519'): SigningKey {
  assertSignatureAlgorithm(algorithm);
  const secret = new Uint8Array(randomBytes(32));
  const publicKey = Buffer.from(ed.getPublicKey(secret)).toString('hex');
  return { ...publicKeyRef(algorithm, publicKey), secretKey: Buffer.from(secret).toString('hex') };
}

/** The signing key whose secret is given, with its public part recomputed (a key file is not trusted to agree). */
export function signingKeyFromSecret(algorithm: SignatureAlgorithm, secretKeyHex: string): SigningKey {
  assertSignatureAlgorithm(algorithm);
  const secret = hexBytes(secretKeyHex, 32, 'secret key');
  const publicKey = Buffer.from(ed.getPublicKey(secret)).toString('hex');
  return { ...publicKeyRef(algorithm, publicKey), secretKey: secretKeyHex };
}

export async function sign(key: SigningKey, message: Uint8Array): Promise<string> {
  const signature = await ed.signAsync(message, hexBytes(key.secretKey, 32, 'secret key'));
  return Buffer.from(signature).toString('base64');
}

/** False for a wrong signature and for malformed keys or signatures alike: nothing here throws on hostile input. */
export async function verifySignature(
  algorithm: string,
  publicKeyHex: string,
  message: Uint8Array,
  signatureBase64: string,
): Promise<boolean> {
  if (algorithm !== 'ed25519') return false;
  try {
    const signature = Buffer.from(signatureBase64, 'base64');
    if (signature.length !== 64 || signature.toString('base64') !== signatureBase64) return false;
    return await ed.verifyAsync(new Uint8Array(signature), message, hexBytes(publicKeyHex, 32, 'public key'));
  } catch {
    return false;
  }
}

export function hexBytes(hex: string, length: number, what: string): Uint8Array {
  if (typeof hex !== 'string' || hex.length !== length * 2 || !/^[0-9a-f]*$/.test(hex)) {
    throw new RangeError(`${what} must be ${length} bytes of lower-case hex`);
  }
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
