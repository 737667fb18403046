import { EventStoreDbEventStore } from './esdb/esdb-event-store.js';
import type { EventStore } from './port/event-store.js';
import type { StoreLimits } from './port/limits.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

export type EventStoreConfig = (
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string }
  | { readonly kind: 'esdb'; readonly connectionString: string }
) & {
  readonly limits?: Partial<StoreLimits>;
  /** Bound on waiting for a database write lock, in milliseconds (SQLite and PostgreSQL). */
  readonly lockWaitMs?: number;
};

/** Opens the configured adapter, ready to use (the PostgreSQL schema is migrated first). */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  const { limits, lockWaitMs } = config;
  switch (config.kind) {
    case 'sqlite':
      return new SqliteEventStore({ file: config.file, limits, ...(lockWaitMs !== undefined ? { lockWaitMs } : {}) });
    case 'postgres':
      return PostgresEventStore.open({ url: config.url, schema: config.schema, limits, ...(lockWaitMs !== undefined ? { lockWaitMs } : {}) });
    case 'esdb':
      return new EventStoreDbEventStore({ connectionString: config.connectionString, limits });
    default: {
      const unknown: never = config;
      throw new Error(`Unknown event store kind ${JSON.stringify((unknown as { kind: unknown }).kind)}`);
    }
  }
}
