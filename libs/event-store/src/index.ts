export * from './port/event-store.js';
export * from './port/errors.js';
export { defaultLimits, assertValidStreamName, type StoreLimits } from './port/limits.js';
export { eventHash, genesisHash } from './hash-chain/event-hash.js';
export { verifyChains, type ChainBreak, type VerificationReport } from './hash-chain/verify-chains.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
