export { treeHasher, hashAlgorithms, assertHashAlgorithm, type HashAlgorithm, type TreeHasher } from './hash/tree-hasher.js';
export { nodeKey, splitPoint, rangeNodes, frontierNodes, inclusionRanges, consistencyRanges, type NodeId, type LeafRange } from './tree/ranges.js';
export { rangeHashes, rootAt, MissingNodeError, type NodeSource } from './tree/node-source.js';
export { Frontier, type NewNode } from './tree/frontier.js';
export { proveInclusion, proveConsistency, type InclusionProof, type ConsistencyProof } from './tree/proofs.js';
export { verifyInclusion, verifyConsistency } from './verify/verify-proofs.js';
export { eventLeafData, type LeafEvent } from './leaf/event-leaf.js';
export {
  generateSigningKey,
  signingKeyFromSecret,
  publicKeyRef,
  keyIdOf,
  sign,
  verifySignature,
  signatureAlgorithms,
  assertSignatureAlgorithm,
  type SignatureAlgorithm,
  type SigningKey,
  type PublicKeyRef,
} from './checkpoint/signature.js';
export {
  checkpointFormat,
  checkpointText,
  cosignatureText,
  signCheckpoint,
  cosignCheckpoint,
  verifyCheckpointSignature,
  verifyCosignature,
  parseCheckpoint,
  parseCosignature,
  assertWitnessName,
  type Checkpoint,
  type CheckpointBody,
  type Cosignature,
} from './checkpoint/checkpoint.js';
export { loadOrCreateKeyFile, readKeyFile, writeKeyFile, type KeyFile } from './checkpoint/key-file.js';
export { checkSignatures, type CheckpointFinding } from './verify/trust.js';
export { verifyExport, firstDifference, exportLeafHashes, type ExportReport, type ExportBreak, type RootCheck } from './verify/verify-export.js';
