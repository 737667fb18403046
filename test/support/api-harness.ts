import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SqliteEventStore, type EventStore } from '@jixiao/event-store';
import { createApp } from '../../apps/api/src/app.js';
import { AccessTokens, type IssueTokenRequest } from '@jixiao/application';
import { loadConfig } from '@jixiao/application';
import { openReadModels, type ReadModels } from '@jixiao/application';
import { openConfiguredStore } from '@jixiao/application';

export interface RunningApi {
  readonly url: string;
  readonly store: EventStore;
  readonly app: NestFastifyApplication;
  readonly readModels: ReadModels;
  /** Resolves once the read models have applied everything stored so far. */
  settled(): Promise<void>;
  /** Issues a token straight into the store, as the CLI does. */
  /** Issues a token; issuedTo defaults to "test <role>". */
  token(request: Omit<IssueTokenRequest, 'issuedTo'> & { issuedTo?: string }): Promise<string>;
  /** fetch against the api with JSON in and out. */
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<ApiResponse>;
  close(): Promise<void>;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

export interface StartApiOptions {
  readonly clock?: () => Date;
  /** Sets recordedAt, for tests that ask what was known at a given store time (SQLite only). */
  readonly storeClock?: () => Date;
  readonly workflow?: boolean;
  /** Runs the api with STORE=postgres on this database (events and read models) instead of SQLite files. */
  readonly databaseUrl?: string;
  /** JIXIAO_LOCK_WAIT_MS for this api. */
  readonly lockWaitMs?: number;
  /** Serve this data folder instead of a fresh one (it is left in place on close). */
  readonly dataDir?: string;
  /** More environment for loadConfig (JIXIAO_TOKEN_LIFETIME_DAYS, JIXIAO_REQUEST_TIMEOUT_MS, ...). */
  readonly env?: Record<string, string>;
}

/** The real api on a real SQLite file (or PostgreSQL), listening on a free loopback port. */
export async function startApi(options: StartApiOptions = {}): Promise<RunningApi> {
  const folder = options.dataDir ?? mkdtempSync(join(tmpdir(), 'jixiao-api-'));
  // The workflow is off unless a test asks for it, so tests of manual steps race no process manager.
  const config = loadConfig({
    JIXIAO_DATA_DIR: folder,
    PORT: '0',
    LOG_LEVEL: 'silent',
    JIXIAO_WORKFLOW: options.workflow ? 'on' : 'off',
    ...(options.lockWaitMs !== undefined ? { JIXIAO_LOCK_WAIT_MS: String(options.lockWaitMs) } : {}),
    ...(options.databaseUrl ? { STORE: 'postgres', DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  const store = options.databaseUrl
    ? await openConfiguredStore(config)
    : new SqliteEventStore({
        file: join(folder, 'events.sqlite'),
        lockWaitMs: config.lockWaitMs,
        ...(options.storeClock ? { clock: options.storeClock } : {}),
      });
  const clock = options.clock ?? (() => new Date());
  const readModels = await openReadModels(config, store, clock);
  const app = await createApp({ config, store, readModels, clock, logger: false });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const tokens = new AccessTokens(store, clock, config.tokenLifetimeDays);
  return {
    url,
    store,
    app,
    readModels,
    settled: async () => readModels.runner.waitFor(await store.headPosition()),
    token: async (request) => (await tokens.issue({ issuedTo: `test ${request.role}`, ...request }, 'test')).token,
    call: async (method, path, { token, body, headers = {} } = {}) => {
      const response = await fetch(url + path, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Non-JSON bodies (docs HTML) stay text.
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    close: async () => {
      await app.close();
      await store.close();
      if (!options.dataDir) rmSync(folder, { recursive: true, force: true });
    },
  };
}
