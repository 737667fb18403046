import { verifyCheckpointSignature, verifyCosignature, type Checkpoint } from '../checkpoint/checkpoint.js';

export interface CheckpointFinding {
  readonly treeSize: number;
  readonly keyId: string;
  readonly signatureValid: boolean;
  /** The signing key is the trusted one, or was announced (nextKey) by a checkpoint under a trusted key. */
  readonly keyTrusted: boolean;
  readonly cosignedBy: readonly string[];
  readonly badCosignatures: readonly string[];
}

/**
 * Checks each checkpoint's signature and whether its key is trusted: the first key
 * trusted is `trustedKeyId` when given (the auditor pinned it), else the key of the
 * smallest checkpoint. A rotation is trusted only when a checkpoint signed by a trusted
 * key announced the new key (nextKey), and checkpoints are taken in tree-size order.
 */
export async function checkSignatures(checkpoints: readonly Checkpoint[], trustedKeyId?: string): Promise<CheckpointFinding[]> {
  const ordered = [...checkpoints].sort((a, b) => a.treeSize - b.treeSize);
  const trusted = new Set<string>();
  if (trustedKeyId) trusted.add(trustedKeyId);
  else if (ordered[0]) trusted.add(ordered[0].key.keyId);
  const findings: CheckpointFinding[] = [];
  for (const checkpoint of ordered) {
    const signatureValid = await verifyCheckpointSignature(checkpoint);
    const keyTrusted = trusted.has(checkpoint.key.keyId);
    if (signatureValid && keyTrusted && checkpoint.nextKey) trusted.add(checkpoint.nextKey.keyId);
    const cosignedBy: string[] = [];
    const badCosignatures: string[] = [];
    for (const cosignature of checkpoint.cosignatures ?? []) {
      ((await verifyCosignature(checkpoint, cosignature)) ? cosignedBy : badCosignatures).push(cosignature.witness);
    }
    findings.push({ treeSize: checkpoint.treeSize, keyId: checkpoint.key.keyId, signatureValid, keyTrusted, cosignedBy, badCosignatures });
  }
  return findings;
}
