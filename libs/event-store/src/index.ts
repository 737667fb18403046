export * from './port/event-store.js';
export * from './port/errors.js';
export { defaultLimits, assertValidStreamName, type StoreLimits } from './port/limits.js';
export { eventHash, genesisHash } from './hash-chain/event-hash.js';
export { verifyChains, type ChainBreak, type VerificationReport } from './hash-chain/verify-chains.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './esdb/esdb-event-store.js';
export { openEventStore, type EventStoreConfig } from './open-event-store.js';
