import { assertHashAlgorithm, type HashAlgorithm } from '../hash/tree-hasher.js';
import { assertSignatureAlgorithm, hexBytes, publicKeyRef, sign, verifySignature, type PublicKeyRef, type SigningKey } from './signature.js';

export const checkpointFormat = 'jixiao-checkpoint/v1';
const cosignatureFormat = 'jixiao-cosignature/v1';

/** What a checkpoint states before it is signed. */
export interface CheckpointBody {
  /** Names the log (the installation), so a checkpoint of one log cannot pass for another's. */
  readonly origin: string;
  readonly hashAlgorithm: HashAlgorithm;
  readonly treeSize: number;
  /** Hex of the Merkle tree hash of the first treeSize leaves. */
  readonly rootHash: string;
  /** ISO-8601 UTC, the signer's clock: informative, not part of what proofs rely on. */
  readonly issuedAt: string;
  /** Key rotation: the key that signs the checkpoints after this one, announced under the current key. */
  readonly nextKey?: PublicKeyRef;
}

/** A witness's co-signature 审计机关会签: an audit office vouches that it saw this checkpoint. */
export interface Cosignature {
  /** The witness's name, e.g. the audit office. */
  readonly witness: string;
  readonly key: PublicKeyRef;
  readonly signedAt: string;
  readonly signature: string;
}

/** A signed checkpoint 签名检查点, as served, saved by auditors and read by the offline verifier. */
export interface Checkpoint extends CheckpointBody {
  readonly format: typeof checkpointFormat;
  readonly key: PublicKeyRef;
  /** Base64 signature over checkpointText(body). */
  readonly signature: string;
  readonly cosignatures?: readonly Cosignature[];
}

/**
 * The exact bytes signed: one field a line, in a fixed order, so any implementation
 * rebuilds them (the standalone verifier does, with Node alone). Modelled on the C2SP
 * tlog-checkpoint note: origin, size, root, then extensions.
 */
export function checkpointText(body: CheckpointBody): string {
  const lines = [
    checkpointFormat,
    `origin ${body.origin}`,
    `hash ${body.hashAlgorithm}`,
    `size ${body.treeSize}`,
    `root ${body.rootHash}`,
    `issued ${body.issuedAt}`,
  ];
  if (body.nextKey) lines.push(`next-key ${body.nextKey.algorithm} ${body.nextKey.publicKey}`);
  return lines.join('\n') + '\n';
}

export function cosignatureText(body: CheckpointBody, witness: string, signedAt: string): string {
  return `${cosignatureFormat}\nwitness ${witness}\nsigned ${signedAt}\n${checkpointText(body)}`;
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

export async function signCheckpoint(body: CheckpointBody, key: SigningKey): Promise<Checkpoint> {
  assertCheckpointBody(body);
  const signature = await sign(key, utf8(checkpointText(body)));
  const { algorithm, publicKey, keyId } = key;
  return { format: checkpointFormat, ...body, key: { algorithm, publicKey, keyId }, signature };
}

export async function cosignCheckpoint(checkpoint: Checkpoint, witness: string, key: SigningKey, signedAt: string): Promise<Cosignature> {
  assertWitnessName(witness);
  const signature = await sign(key, utf8(cosignatureText(checkpoint, witness, signedAt)));
  const { algorithm, publicKey, keyId } = key;
  return { witness, key: { algorithm, publicKey, keyId }, signedAt, signature };
}

/** Is the checkpoint signed by the key it names? Whether that key is trusted is the caller's question (see trustChain). */
export function verifyCheckpointSignature(checkpoint: Checkpoint): Promise<boolean> {
  return verifySignature(checkpoint.key.algorithm, checkpoint.key.publicKey, utf8(checkpointText(checkpoint)), checkpoint.signature);
}

export function verifyCosignature(checkpoint: CheckpointBody, cosignature: Cosignature): Promise<boolean> {
  return verifySignature(
    cosignature.key.algorithm,
    cosignature.key.publicKey,
    utf8(cosignatureText(checkpoint, cosignature.witness, cosignature.signedAt)),
    cosignature.signature,
  );
}

/** Witness names are hostile input: printable, no line breaks (they enter the signed text), bounded. */
export function assertWitnessName(witness: unknown): asserts witness is string {
  if (typeof witness !== 'string' || !/^[\p{L}\p{N} ._:@()\-]{1,100}$/u.test(witness)) {
    throw new RangeError('witness must be 1 to 100 letters, digits, spaces or . _ : @ ( ) -');
  }
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

function assertCheckpointBody(body: CheckpointBody): void {
  if (typeof body.origin !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(body.origin)) {
    throw new RangeError('origin must be 1 to 200 printable ASCII characters without spaces');
  }
  assertHashAlgorithm(body.hashAlgorithm);
  if (!Number.isSafeInteger(body.treeSize) || body.treeSize < 0) throw new RangeError('treeSize must be a whole number ≥ 0');
  hexBytes(body.rootHash, 32, 'rootHash');
  if (typeof body.issuedAt !== 'string' || !isoInstant.test(body.issuedAt)) throw new RangeError('issuedAt must be an ISO-8601 UTC instant');
  if (body.nextKey) assertPublicKeyRef(body.nextKey, 'nextKey');
}

function assertPublicKeyRef(ref: unknown, what: string): asserts ref is PublicKeyRef {
  const r = ref as PublicKeyRef;
  if (typeof r !== 'object' || r === null) throw new RangeError(`${what} must be an object`);
  assertSignatureAlgorithm(r.algorithm);
  hexBytes(r.publicKey, 32, `${what}.publicKey`);
  if (publicKeyRef(r.algorithm, r.publicKey).keyId !== r.keyId) throw new RangeError(`${what}.keyId does not match its public key`);
}

/**
 * Reads a checkpoint from untrusted JSON (a file an auditor saved, a request body):
 * every field checked for shape, nothing else carried over. Signatures are not
 * checked here; verifyCheckpointSignature does that.
 */
export function parseCheckpoint(value: unknown): Checkpoint {
  const c = value as Record<string, unknown>;
  if (typeof c !== 'object' || c === null || Array.isArray(c)) throw new RangeError('a checkpoint must be a JSON object');
  if (c['format'] !== checkpointFormat) throw new RangeError(`format must be "${checkpointFormat}"`);
  const body: CheckpointBody = {
    origin: c['origin'] as string,
    hashAlgorithm: c['hashAlgorithm'] as HashAlgorithm,
    treeSize: c['treeSize'] as number,
    rootHash: c['rootHash'] as string,
    issuedAt: c['issuedAt'] as string,
    ...(c['nextKey'] !== undefined ? { nextKey: c['nextKey'] as PublicKeyRef } : {}),
  };
  assertCheckpointBody(body);
  assertPublicKeyRef(c['key'], 'key');
  if (typeof c['signature'] !== 'string' || c['signature'].length > 200) throw new RangeError('signature must be base64');
  const cosignatures = c['cosignatures'] === undefined ? [] : c['cosignatures'];
  if (!Array.isArray(cosignatures) || cosignatures.length > 100) throw new RangeError('cosignatures must be an array of at most 100');
  const key = c['key'] as PublicKeyRef;
  return {
    format: checkpointFormat,
    ...body,
    key: { algorithm: key.algorithm, publicKey: key.publicKey, keyId: key.keyId },
    signature: c['signature'],
    ...(cosignatures.length > 0 ? { cosignatures: cosignatures.map(parseCosignature) } : {}),
  };
}

export function parseCosignature(value: unknown): Cosignature {
  const c = value as Record<string, unknown>;
  if (typeof c !== 'object' || c === null || Array.isArray(c)) throw new RangeError('a cosignature must be a JSON object');
  assertWitnessName(c['witness']);
  assertPublicKeyRef(c['key'], 'cosignature key');
  if (typeof c['signedAt'] !== 'string' || !isoInstant.test(c['signedAt'])) throw new RangeError('signedAt must be an ISO-8601 UTC instant');
  if (typeof c['signature'] !== 'string' || c['signature'].length > 200) throw new RangeError('signature must be base64');
  const key = c['key'] as PublicKeyRef;
  return {
    witness: c['witness'],
    key: { algorithm: key.algorithm, publicKey: key.publicKey, keyId: key.keyId },
    signedAt: c['signedAt'],
    signature: c['signature'],
  };
}
