import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertSignatureAlgorithm, generateSigningKey, signingKeyFromSecret, type SignatureAlgorithm, type SigningKey } from './signature.js';

const keyFileFormat = 'jixiao-signing-key/v1';

/**
 * The installation's signing key 签名密钥, in a file of its own outside the event
 * store (an operator who copies the database does not get the key with it, and
 * a backup takes it explicitly). JSON, mode 0600.
 */
export interface KeyFile {
  readonly key: SigningKey;
  readonly createdAt: string;
  /** True when this call made the file. */
  readonly created: boolean;
}

export function readKeyFile(path: string): KeyFile {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`signing key file ${path} is not readable JSON: ${(error as Error).message}`);
  }
  if (parsed['format'] !== keyFileFormat) throw new Error(`signing key file ${path}: format must be "${keyFileFormat}"`);
  assertSignatureAlgorithm(parsed['algorithm']);
  const key = signingKeyFromSecret(parsed['algorithm'], parsed['secretKey'] as string);
  if (parsed['publicKey'] !== key.publicKey) throw new Error(`signing key file ${path}: publicKey does not belong to secretKey`);
  return { key, createdAt: String(parsed['createdAt']), created: false };
}

export function writeKeyFile(path: string, key: SigningKey, createdAt: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const body = JSON.stringify(
    { format: keyFileFormat, algorithm: key.algorithm, keyId: key.keyId, publicKey: key.publicKey, secretKey: key.secretKey, createdAt },
    null,
    2,
  );
  // Written aside then renamed, so a crash never leaves half a key.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, body + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** Reads the key file, creating it with a fresh key on first start. */
export function loadOrCreateKeyFile(path: string, now: () => Date, algorithm: SignatureAlgorithm = 'ed25519'): KeyFile {
  if (existsSync(path)) return readKeyFile(path);
  const key = generateSigningKey(algorithm);
  const createdAt = now().toISOString();
  writeKeyFile(path, key, createdAt);
  return { key, createdAt, created: true };
}
