import { join } from 'node:path';
import type { EventStore } from '@jixiao/event-store';
import {
  PostgresReadModelDatabase,
  ProjectionRunner,
  readModelProjections,
  SqliteReadModelDatabase,
  type ReadModelDatabase,
} from '@jixiao/projections';
import type { AppConfig } from './app-config.js';

/** The read side the api serves: the database and the runner that keeps it current. */
export interface ReadModels {
  readonly db: ReadModelDatabase;
  readonly runner: ProjectionRunner;
}

/** SQLite beside the embedded store; PostgreSQL when the events live in PostgreSQL or EventStoreDB. */
export async function openReadModelDatabase(config: AppConfig): Promise<ReadModelDatabase> {
  if (config.store === 'sqlite') return new SqliteReadModelDatabase(join(config.dataDir, 'read-models.sqlite'));
  if (!config.databaseUrl) throw new Error(`STORE=${config.store} keeps read models in PostgreSQL: set DATABASE_URL`);
  return PostgresReadModelDatabase.open(config.databaseUrl);
}

/** Opens the read models and brings them up to date with the store before serving. */
export async function openReadModels(config: AppConfig, store: EventStore, clock?: () => Date): Promise<ReadModels> {
  const db = await openReadModelDatabase(config);
  const runner = new ProjectionRunner(store, db, readModelProjections, {
    ...(clock ? { clock } : {}),
    // The loop goes on after either; the log says what to fix (`rebuild` or `projections retry` then applies it).
    onError: (error) => console.error('projection step failed; retrying after a back-off', error),
    onParked: (parked) => console.error(`projection ${parked.projection} parked the event at ${parked.position} (key ${JSON.stringify(parked.key)}): ${parked.error}`),
  });
  await runner.prepare();
  return { db, runner };
}
