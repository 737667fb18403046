import { join, resolve } from 'node:path';
import { roles, type Role } from '../principal.js';

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
  /** Tries of a process manager's reaction failing transiently before it is parked (JIXIAO_WORKFLOW_MAX_ATTEMPTS, 5). */
  readonly workflowMaxAttempts: number;
  /**
   * JIXIAO_LOCK_WAIT_MS: how long a command waits for a database write lock another
   * process holds, in milliseconds (default 2,000), before answering 503 with Retry-After.
   */
  readonly lockWaitMs: number;
  /** Limits on what a client may hold before, and while, it is known (milliseconds, connections). */
  readonly http: HttpLimits;
  /** How long a newly issued token lives, per role, in days. */
  readonly tokenLifetimeDays: Readonly<Record<Role, number>>;
  /**
   * JIXIAO_RULEBOOK: the id of the rulebook 规则库 in force (default national-2020, which runs
   * the built-in default, practice-2027, until a version of national-2020 is published).
   * A built-in id (practice-2026, practice-2027) runs that built-in until one is published.
   */
  readonly rulebookId: string;
}

export interface HttpLimits {
  /** Whole request, body included (JIXIAO_REQUEST_TIMEOUT_MS, default 30,000). */
  readonly requestTimeoutMs: number;
  /** Request line and headers (JIXIAO_HEADERS_TIMEOUT_MS, default 10,000). */
  readonly headersTimeoutMs: number;
  /** An idle keep-alive connection (JIXIAO_KEEP_ALIVE_TIMEOUT_MS, default 5,000). */
  readonly keepAliveTimeoutMs: number;
  /** Open connections from one client address (JIXIAO_MAX_CONNECTIONS_PER_CLIENT, default 256: the api benchmark uses 32, a browser 6). */
  readonly maxConnectionsPerClient: number;
}

/**
 * Default token lifetimes in days. The first-start admin token is a bootstrap credential:
 * it lives a week, long enough to issue the real ones. Operators rotate quarterly; people
 * who use the api day to day get half a year. JIXIAO_TOKEN_LIFETIME_DAYS overrides any of
 * them, e.g. "admin=1,department=90".
 */
export const defaultTokenLifetimeDays: Readonly<Record<Role, number>> = {
  admin: 7,
  operator: 90,
  department: 180,
  finance: 180,
  evaluator: 180,
  auditor: 180,
  oversight: 180,
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const store = (env['STORE'] ?? 'sqlite') as StoreKind;
  if (!['sqlite', 'postgres', 'esdb'].includes(store)) {
    throw new Error(`STORE must be sqlite, postgres or esdb, not "${store}"`);
  }
  if (store === 'postgres' && !env['DATABASE_URL']) throw new Error('STORE=postgres needs DATABASE_URL');
  if (store === 'esdb' && !env['ESDB_CONNECTION_STRING']) {
    throw new Error('STORE=esdb needs ESDB_CONNECTION_STRING');
  }
  const lockWaitMs = Number(env['JIXIAO_LOCK_WAIT_MS']?.trim() || 2000);
  if (!Number.isInteger(lockWaitMs) || lockWaitMs < 0 || lockWaitMs > 600_000) {
    throw new Error(`JIXIAO_LOCK_WAIT_MS "${env['JIXIAO_LOCK_WAIT_MS']}" is not a whole number of milliseconds from 0 to 600000`);
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
    workflowMaxAttempts: positiveInteger(env, 'JIXIAO_WORKFLOW_MAX_ATTEMPTS', 5),
    lockWaitMs,
    http: {
      requestTimeoutMs: positiveInteger(env, 'JIXIAO_REQUEST_TIMEOUT_MS', 30_000),
      headersTimeoutMs: positiveInteger(env, 'JIXIAO_HEADERS_TIMEOUT_MS', 10_000),
      keepAliveTimeoutMs: positiveInteger(env, 'JIXIAO_KEEP_ALIVE_TIMEOUT_MS', 5_000),
      maxConnectionsPerClient: positiveInteger(env, 'JIXIAO_MAX_CONNECTIONS_PER_CLIENT', 256),
    },
    tokenLifetimeDays: tokenLifetimes(env['JIXIAO_TOKEN_LIFETIME_DAYS']),
    rulebookId: rulebookIdOf(env['JIXIAO_RULEBOOK']),
  };
}

/** A rulebook id as POST /admin/rulebooks accepts one: 1–61 letters, digits, '.', '_' or '-', starting with a letter or digit. */
function rulebookIdOf(text: string | undefined): string {
  const id = text?.trim() || 'national-2020';
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$/.test(id)) throw new Error(`JIXIAO_RULEBOOK "${text}" is not a rulebook id (letters, digits, '.', '_', '-'; at most 61)`);
  return id;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} "${text}" is not a positive whole number`);
  return value;
}

function tokenLifetimes(text: string | undefined): Record<Role, number> {
  const lifetimes = { ...defaultTokenLifetimeDays };
  for (const part of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [role, days] = part.split('=');
    if (!roles.includes(role as Role) || !/^[1-9][0-9]{0,4}$/.test(days ?? '')) {
      throw new Error(`JIXIAO_TOKEN_LIFETIME_DAYS: "${part}" is not <role>=<days> (roles: ${roles.join(', ')})`);
    }
    lifetimes[role as Role] = Number(days);
  }
  return lifetimes;
}

export const sqliteEventsFile = (config: Pick<AppConfig, 'dataDir'>) => join(config.dataDir, 'events.sqlite');
