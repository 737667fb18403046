export * from './port/event-store.js';
export * from './port/errors.js';
export { defaultLimits, assertValidStreamName, type StoreLimits } from './port/limits.js';
export { eventHash, genesisHash } from './hash-chain/event-hash.js';
export { verifyChains, type ChainBreak, type VerificationReport } from './hash-chain/verify-chains.js';
export { anchorOf, anchorStream, recordAnchor, recordedAnchors, type Anchor } from './hash-chain/anchor.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './esdb/esdb-event-store.js';
export { openEventStore, type EventStoreConfig } from './open-event-store.js';
export { ExportChecker, parseExportLine, type ExportCheckOptions, type ExportProblem } from './export-check/export-checker.js';
export { anchorsOf, checkedEvents, checkExport, describeProblem, ExportRefusedError, type ExportLines, type ExportReport } from './export-check/check-export.js';
export { merkleLogOf, type MerkleLog, type WithMerkleLog } from './merkle/merkle-log.js';
export { verifyTree, type TreeVerification } from './merkle/verify-tree.js';
export {
  checkpointStream,
  cosignatureStream,
  makeCheckpoint,
  recordCheckpoint,
  recordedCheckpoints,
  recordCosignature,
  cosignedByWitness,
  servedKey,
  CosignatureRefused,
  type RecordedCheckpoint,
} from './merkle/checkpoints.js';
export { rotateSigningKey } from './merkle/key-rotation.js';
export { CheckpointScheduler, checkpointDue, type CheckpointPolicy, type LastCheckpoint } from './merkle/checkpoint-schedule.js';
export { verifyLog, type LogVerificationReport } from './merkle/verify-log.js';
export { MerkleIndexer, type MerkleIndexerOptions } from './merkle/merkle-indexer.js';
