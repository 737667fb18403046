import { openEventStore, type EventStore } from '@jixiao/event-store';
import { sqliteEventsFile, type AppConfig } from './app-config.js';

/** Opens the store the configuration names: SQLite by default, PostgreSQL or EventStoreDB on request. */
export function openConfiguredStore(config: AppConfig): Promise<EventStore> {
  switch (config.store) {
    case 'postgres':
      return openEventStore({ kind: 'postgres', url: config.databaseUrl!, lockWaitMs: config.lockWaitMs });
    case 'esdb':
      return openEventStore({ kind: 'esdb', connectionString: config.esdbConnectionString! });
    default:
      return openEventStore({ kind: 'sqlite', file: sqliteEventsFile(config), lockWaitMs: config.lockWaitMs });
  }
}
