import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type RunningApi } from '../support/api-harness.js';
import { proposal } from '../support/lifecycle-fixtures.js';

/**
 * Access and exposure: the caller is known before the body is read, slow clients are
 * bounded in time and number, tokens expire and can be revoked on every process at once,
 * and the holder's name is the actor in the audit history.
 */
const opened = (port: number) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });

/** Milliseconds until the server closes the socket (or `limit`, if it never does). */
const closedWithin = (socket: Socket, limit: number) =>
  new Promise<number>((resolve) => {
    const started = Date.now();
    const timer = setTimeout(() => resolve(limit), limit);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
    socket.on('error', () => undefined);
  });

/** Sends `head`, then one byte of body every 100 ms, as a slow client would. */
function trickle(socket: Socket, head: string): () => void {
  socket.write(head);
  const timer = setInterval(() => socket.writable && socket.write('x'), 100);
  return () => clearInterval(timer);
}

const gc = () => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('Run jest with node --expose-gc (npm test does)');
  collect();
  collect();
};

describe('slow clients and the body before the caller is known', () => {
  const requestTimeoutMs = 2_000;
  let api: RunningApi;
  let port: number;
  let token: string;
  beforeAll(async () => {
    api = await startApi({
      env: { JIXIAO_REQUEST_TIMEOUT_MS: String(requestTimeoutMs), JIXIAO_HEADERS_TIMEOUT_MS: '1000', JIXIAO_MAX_CONNECTIONS_PER_CLIENT: '200' },
    });
    port = Number(new URL(api.url).port);
    token = await api.token({ role: 'department', department: 'water-bureau' });
  });
  afterAll(() => api.close());

  it('closes slow connections within requestTimeout + 1 s, reads no body of an unknown caller, and gives the memory back', async () => {
    const head = await api.store.headPosition();
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const body = (auth: string) =>
      `POST /api/v1/projects HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n${auth}\r\n{"x":"`;
    const kinds = {
      // No token: answered 401 on the headers alone and closed, the megabyte never awaited.
      anonymous: () => body(''),
      // A bad token: the same.
      unknownToken: () => body('Authorization: Bearer jx_not-a-token\r\n'),
      // A real caller who sends its body one byte at a time: cut off by the request timeout.
      slowBody: () => body(`Authorization: Bearer ${token}\r\n`),
      // Headers that never end: cut off by the headers timeout.
      slowHeaders: () => 'POST /api/v1/projects HTTP/1.1\r\nHost: x\r\nX-Slow: ',
    };
    const runs = await Promise.all(
      Object.entries(kinds).flatMap(([kind, head]) =>
        Array.from({ length: 25 }, async () => {
          const socket = await opened(port);
          let answer = '';
          socket.on('data', (chunk) => (answer += chunk.toString()));
          const stop = trickle(socket, head());
          const ms = await closedWithin(socket, requestTimeoutMs + 5_000);
          stop();
          socket.destroy();
          return { kind, ms, status: /^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? null };
        }),
      ),
    );
    for (const run of runs) expect({ kind: run.kind, closedInTime: run.ms <= requestTimeoutMs + 1_000 }).toEqual({ kind: run.kind, closedInTime: true });
    // The unknown callers were answered at once, before their body: 401, not a timeout.
    for (const run of runs.filter((r) => r.kind === 'anonymous' || r.kind === 'unknownToken')) {
      expect({ kind: run.kind, status: run.status, fast: run.ms < 1_000 }).toEqual({ kind: run.kind, status: '401', fast: true });
    }
    expect(await api.store.headPosition()).toBe(head);
    gc();
    const grown = process.memoryUsage().heapUsed - heapBefore;
    expect(grown).toBeLessThan(16 * 1024 * 1024);
  }, 30_000);
});

describe('connections per client address', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ env: { JIXIAO_MAX_CONNECTIONS_PER_CLIENT: '5' } });
  });
  afterAll(() => api.close());

  it('closes a connection over the cap at once and keeps the others', async () => {
    const port = Number(new URL(api.url).port);
    const sockets = await Promise.all(Array.from({ length: 5 }, () => opened(port)));
    // Let the server see all five before the sixth arrives.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sixth = await opened(port);
    expect(await closedWithin(sixth, 2_000)).toBeLessThan(1_000);
    const first = sockets[0]!;
    first.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    const answer = await new Promise<string>((resolve) => first.once('data', (chunk) => resolve(chunk.toString())));
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    for (const socket of sockets) socket.destroy();
    // Once they are gone, a new connection is served again.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = await opened(port);
    later.write('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(await new Promise<string>((resolve) => later.once('data', (chunk) => resolve(chunk.toString())))).toMatch(/^HTTP\/1\.1 200/);
    later.destroy();
  });
});

describe('tokens expire, and name their holder in the audit history', () => {
  let now = Date.parse('2026-03-01T08:00:00Z');
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ clock: () => new Date(now), env: { JIXIAO_TOKEN_LIFETIME_DAYS: 'department=30' } });
  });
  afterAll(() => api.close());

  it('refuses a token once its lifetime is over (401), and lists it as expired', async () => {
    const token = await api.token({ role: 'department', department: 'water-bureau', issuedTo: '水利局 张三' });
    expect((await api.call('GET', '/api/v1/projects', { token })).status).toBe(200);
    now += 30 * 86_400_000;
    const admin = await api.token({ role: 'admin', issuedTo: '系统管理员' });
    const refused = await api.call('GET', '/api/v1/projects', { token });
    expect({ status: refused.status, type: refused.headers.get('content-type') }).toEqual({ status: 401, type: expect.stringMatching(/^application\/problem\+json/) });
    const listing = await api.call('GET', '/api/v1/admin/tokens', { token: admin });
    const mine = listing.body.tokens.find((t: { issuedTo: string }) => t.issuedTo === '水利局 张三');
    expect(mine).toMatchObject({ role: 'department', status: 'expired', expiresAt: '2026-03-31T08:00:00.000Z', lastUsedAt: '2026-03-01T08:00:00.000Z' });
    expect(JSON.stringify(listing.body)).not.toMatch(/tokenHash|jx_/);
  });

  it('refuses a lifetime longer than the role allows and issues nothing', async () => {
    const admin = await api.token({ role: 'admin' });
    const before = await api.store.headPosition();
    const refused = await api.call('POST', '/api/v1/admin/tokens', { token: admin, body: { role: 'department', department: 'water-bureau', issuedTo: 'x', lifetimeDays: 31 } });
    expect(refused.status).toBe(422);
    const unnamed = await api.call('POST', '/api/v1/admin/tokens', { token: admin, body: { role: 'auditor' } });
    expect(unnamed.status).toBe(400);
    expect(await api.store.headPosition()).toBe(before);
  });

  it("records the holder's name as the actor of every event the token's commands append", async () => {
    const clerk = await api.token({ role: 'department', department: 'water-bureau', issuedTo: '水利局 李四' });
    const auditor = await api.token({ role: 'auditor', issuedTo: '审计局 王五' });
    const proposed = await api.call('POST', '/api/v1/projects', { token: clerk, body: proposal('water-bureau') });
    expect(proposed.status).toBe(201);
    const history = await api.call('GET', `/api/v1/audit/projects/${proposed.body.projectId}/history`, { token: auditor });
    expect(history.body.events[0].actor).toMatchObject({ role: 'department', department: 'water-bureau', name: '水利局 李四' });
  });
});

describe('revocation reaches every api process sharing the store', () => {
  const main = join(process.cwd(), 'dist/apps/api/src/main.js');
  let folder: string;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'jixiao-revoke-'));
  });
  afterAll(async () => {
    for (const child of children) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  });

  const freePort = () =>
    new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });

  async function startProcess(): Promise<{ base: string; output: () => string }> {
    if (!existsSync(main)) throw new Error(`Build first (npm run build): ${main} is missing`);
    const port = await freePort();
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', JIXIAO_DATA_DIR: folder },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/listening at/.test(output)) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`api exited with ${code}:\n${output}`)));
    });
    return { base: `http://127.0.0.1:${port}`, output: () => output };
  }

  it('a revoked token gets 401 from the other process within 1.5 s', async () => {
    const a = await startProcess();
    const b = await startProcess();
    const admin = /One-time admin token[^\n]*\n\s*\n\s*(\S+)/.exec(a.output())![1]!;
    const call = (base: string, method: string, path: string, token: string, body?: unknown) =>
      fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const issued = (await (await call(a.base, 'POST', '/api/v1/admin/tokens', admin, { role: 'finance', issuedTo: '财政局 赵六' })).json()) as { token: string; tokenId: string };
    expect((await call(b.base, 'GET', '/api/v1/projects', issued.token)).status).toBe(200);
    const revoked = await call(a.base, 'DELETE', `/api/v1/admin/tokens/${issued.tokenId}`, admin);
    expect(revoked.status).toBe(200);
    expect((await call(a.base, 'GET', '/api/v1/projects', issued.token)).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await call(b.base, 'GET', '/api/v1/projects', issued.token)).status).toBe(401);
  }, 60_000);
});
