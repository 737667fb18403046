import { join, resolve } from 'node:path';

export type StoreKind = 'sqlite' | 'postgres' | 'esdb';

/** Everything the api reads from its environment, read once at start. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly store: StoreKind;
  readonly databaseUrl?: string;
  readonly esdbConnectionString?: string;
  /** Retries of a command that lost an optimistic-concurrency race, before 409. */
  readonly conflictRetries: number;
  readonly logLevel: string;
  /** Run the workflow (process managers and timers) in-process; JIXIAO_WORKFLOW=off leaves it to apps/worker. */
  readonly workflow: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const store = (env['STORE'] ?? 'sqlite') as StoreKind;
  if (!['sqlite', 'postgres', 'esdb'].includes(store)) {
    throw new Error(`STORE must be sqlite, postgres or esdb, not "${store}"`);
  }
  if (store === 'postgres' && !env['DATABASE_URL']) throw new Error('STORE=postgres needs DATABASE_URL');
  if (store === 'esdb' && !env['ESDB_CONNECTION_STRING']) {
    throw new Error('STORE=esdb needs ESDB_CONNECTION_STRING');
  }
  const port = Number(env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT "${env['PORT']}" is not a port`);
  return {
    port,
    host: env['HOST'] ?? '0.0.0.0',
    dataDir: resolve(env['JIXIAO_DATA_DIR'] ?? './data'),
    store,
    ...(env['DATABASE_URL'] ? { databaseUrl: env['DATABASE_URL'] } : {}),
    ...(env['ESDB_CONNECTION_STRING'] ? { esdbConnectionString: env['ESDB_CONNECTION_STRING'] } : {}),
    conflictRetries: Number(env['JIXIAO_CONFLICT_RETRIES'] ?? 10),
    logLevel: env['LOG_LEVEL'] ?? 'info',
    workflow: env['JIXIAO_WORKFLOW'] !== 'off',
  };
}

export const sqliteEventsFile = (config: Pick<AppConfig, 'dataDir'>) => join(config.dataDir, 'events.sqlite');
