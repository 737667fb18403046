/**
 * npm run bench:api — issue 4's api benchmark. The api runs in a child process on a
 * durable SQLite store (WAL, synchronous=FULL); this process sets up 1,000 executing
 * projects over HTTP (not timed), then drives two fixed scenarios with autocannon:
 *
 *   record-reading  32 connections, 20 s, POST /api/v1/projects/:id/readings, every request a new, valid reading
 *   health          32 connections, 20 s, GET /health, the framework's ceiling
 *
 * Prints a table and writes bench/results/api.json. BENCH_SERVER_ARGS passes node flags
 * to the server process, e.g. BENCH_SERVER_ARGS=--cpu-prof to profile it.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { ServerReady } from './server.js';
import { setUpProjects } from './setup.js';
import { readingCapacity, readingRequest } from './workload.js';

interface ApiMeasurement {
  readonly scenario: string;
  readonly requestsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

const connections = 32;
const duration = Number(process.env['BENCH_DURATION'] ?? 20);
const log = (line: string) => console.log(`  · ${line}`);

function startServer(): Promise<{ ready: ServerReady; stop: () => Promise<void> }> {
  const serverArgs = (process.env['BENCH_SERVER_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = fork(fileURLToPath(new URL('./server.js', import.meta.url)), { execArgv: serverArgs, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the api process exited early with ${code}`)));
    child.once('message', (message: { kind: string; ready: ServerReady }) => {
      child.removeAllListeners('exit');
      resolve({
        ready: message.ready,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.send({ kind: 'stop' });
          }),
      });
    });
  });
}

async function headPosition(url: string): Promise<number> {
  const response = await fetch(`${url}/health`);
  return ((await response.json()) as { store: { headPosition: number } }).store.headPosition;
}

/** Runs one scenario; non-2xx answers and socket errors/timeouts all count as errors. */
async function measure(scenario: string, options: autocannon.Options): Promise<ApiMeasurement> {
  const failures: string[] = [];
  const result = await autocannon({
    connections,
    duration,
    pipelining: 1,
    timeout: 10,
    ...options,
  });
  const byStatus = (result as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  for (const [status, stat] of Object.entries(byStatus)) {
    if (!status.startsWith('2')) failures.push(`${stat.count}× ${status}`);
  }
  if (result.errors > 0) failures.push(`${result.errors} socket errors (${result.timeouts} timeouts)`);
  log(`${scenario}: ${result.requests.total} requests, ${result['2xx']} 2xx${failures.length ? `; errors: ${failures.join(', ')}` : ''}`);
  return {
    scenario,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.non2xx + result.errors,
  };
}

async function main(): Promise<void> {
  console.log(`api benchmark: ${connections} connections × ${duration} s, durable SQLite; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
  const server = await startServer();
  const { url, departmentToken, financeToken } = server.ready;
  try {
    const started = Date.now();
    const projectIds = await setUpProjects(url, departmentToken, financeToken);
    log(`set up ${projectIds.length} executing projects in ${((Date.now() - started) / 1000).toFixed(1)} s (not timed)`);

    // One counter for all connections: every request is the next reading in the fixed sequence.
    let next = 0;
    const before = await headPosition(url);
    const readings = await measure('record-reading', {
      url,
      headers: { authorization: `Bearer ${departmentToken}`, 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const { path, body } = readingRequest(next++, projectIds);
            return { ...request, path, body };
          },
        },
      ],
    });
    const appended = (await headPosition(url)) - before;
    log(`${next} readings sent of ${readingCapacity} distinct; ${appended} events appended`);
    if (next > readingCapacity) log('WARNING: the run used up the distinct readings; later requests were refused as duplicates');

    const health = await measure('health', { url: `${url}/health` });
    const rows = [readings, health];
    console.log();
    console.table(rows.map((m) => ({ scenario: m.scenario, 'req/s': m.requestsPerSec, 'p50 ms': m.p50Ms, 'p99 ms': m.p99Ms, errors: m.errors })));
    const target = readings.requestsPerSec >= 1500 && readings.p99Ms <= 50 && readings.errors === 0;
    console.log(`target (≥ 1,500 durable commands/s, p99 ≤ 50 ms, no errors): ${target ? 'met' : 'MISSED'}`);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/api.json', JSON.stringify(rows, null, 2) + '\n');
    console.log(`wrote bench/results/api.json; load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await server.stop();
  }
}

await main();
