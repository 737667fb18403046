import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectStream } from '@jixiao/domain';
import { SqliteEventStore } from '@jixiao/event-store';
import { proposal } from '../support/lifecycle-fixtures.js';

/**
 * The api as `npm start` runs it (the built main, a process of its own), stopped by SIGTERM
 * while commands are in flight: it must exit 0, and every command it acknowledged must be
 * in the store afterwards. The worker is stopped the same way.
 */
const main = join(process.cwd(), 'dist/apps/api/src/main.js');
const worker = join(process.cwd(), 'dist/apps/worker/src/main.js');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Starts a built entry point and resolves once its output matches `ready`. */
function start(entry: string, env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; output: () => string }> {
  if (!existsSync(entry)) throw new Error(`Build first (npm run build): ${entry} is missing`);
  const child = spawn(process.execPath, [entry], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve({ child, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before it was ready:\n${output}`)));
  });
}

const exitOf = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

describe('stopping on SIGTERM', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'jixiao-shutdown-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('the api drains the commands in flight, stops the loops, closes the store last and exits 0; nothing acknowledged is lost', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const { child, output } = await start(main, { PORT: String(port), HOST: '127.0.0.1', JIXIAO_DATA_DIR: folder }, /listening at/);
    const admin = /One-time admin token[^\n]*\n\s*\n\s*(\S+)/.exec(output())![1]!;
    const issued = await fetch(`${base}/api/v1/admin/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'department', department: 'water-bureau', issuedTo: '水利局 shutdown test' }),
    });
    const { token } = (await issued.json()) as { token: string };

    const acknowledged: string[] = [];
    let sent = 0;
    const exited = exitOf(child);
    let stopped = false;
    void exited.then(() => (stopped = true));
    // Eight clients send proposals back to back until the server stops answering.
    const client = async (lane: number) => {
      for (let i = 0; !stopped; i++) {
        const projectId = `shutdown-${lane}-${i}`;
        sent++;
        try {
          const response = await fetch(`${base}/api/v1/projects`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ ...proposal('water-bureau'), projectId }),
          });
          if (response.status === 201) acknowledged.push(projectId);
          else await response.arrayBuffer();
        } catch {
          return; // the server closed the connection: it is stopping
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, lane) => client(lane));
    await new Promise((resolve) => setTimeout(resolve, 400));
    child.kill('SIGTERM');
    const { code, signal } = await exited;
    await Promise.all(clients);

    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output()).toContain('stopped cleanly');
    expect(output()).not.toMatch(/not open|Error/);
    expect(acknowledged.length).toBeGreaterThan(0);
    const store = new SqliteEventStore({ file: join(folder, 'events.sqlite') });
    try {
      const missing: string[] = [];
      for (const id of acknowledged) if ((await store.streamRevision(projectStream(id))) === undefined) missing.push(id);
      expect({ acknowledged: acknowledged.length, missing }).toEqual({ acknowledged: acknowledged.length, missing: [] });
    } finally {
      await store.close();
    }
    expect(sent).toBeGreaterThanOrEqual(acknowledged.length);
  }, 60_000);

  it('the api exits 0 when SIGTERM arrives in the middle of start-up', async () => {
    // "starting" is printed once the handler is in place and before Nest is imported, so the
    // signal lands while the store, the read models and the app are still being opened.
    const { child, output } = await start(main, { PORT: String(await freePort()), HOST: '127.0.0.1', JIXIAO_DATA_DIR: folder }, /Jixiao api starting/);
    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    // The signal is held until start-up has finished, then acted on in the usual order.
    expect(output()).toContain('stopped cleanly');
    expect(output()).not.toMatch(/not open|Error/);
  }, 30_000);

  it('the worker stops its loops, closes the store last and exits 0', async () => {
    const { child, output } = await start(worker, { JIXIAO_DATA_DIR: folder }, /Jixiao worker on/);
    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(output()).not.toMatch(/not open|Error/);
  }, 30_000);
});
