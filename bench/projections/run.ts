/**
 * npm run bench:projections — the read-model benchmark on SQLite.
 * 1. Seed 1,000,000 domain-valid events (in a child process; reused when already seeded).
 * 2. Rebuild every read model from position zero into a fresh read-model database:
 *    events/s and peak RSS.
 * 3. The department dashboard query, ≥ 1,000 runs over varying department and year: p50/p99.
 * Writes bench/results/projections.json.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '@jixiao/event-store';
import { departmentDashboard, deviationWatchlist, ProjectionRunner, readModelProjections, SqliteReadModelDatabase } from '@jixiao/projections';
import { DEPARTMENTS, TARGET_EVENTS } from './seed.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const folder = join(root, 'data/bench-projections');
const storeFile = join(folder, 'events.sqlite');
const readModelFile = join(folder, 'read-models.sqlite');
const MiB = 1024 * 1024;
const targets = { rebuildEventsPerSecond: 50_000, peakRssMiB: 512, dashboardP99Ms: 20 };

async function seedIfNeeded(): Promise<{ seconds: number | null; projects: number | null }> {
  if (existsSync(storeFile)) {
    const store = new SqliteEventStore({ file: storeFile });
    const head = await store.headPosition();
    await store.close();
    if (head === TARGET_EVENTS) {
      console.log(`seed: reusing ${storeFile} (${head.toLocaleString()} events)`);
      return { seconds: null, projects: null };
    }
  }
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'seed.js'), [storeFile]);
    child.on('message', (message: { progress?: number; done?: { seconds: number; projects: number } }) => {
      if (message.progress) process.stdout.write(`\rseed: ${message.progress.toLocaleString()} events`);
      if (message.done) {
        console.log(`\nseed: ${message.done.projects.toLocaleString()} projects in ${message.done.seconds.toFixed(1)} s`);
        resolve(message.done);
      }
    });
    child.on('exit', (code) => (code ? reject(new Error(`seed exited with ${code}`)) : undefined));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function latency(runs: number, query: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await query(i); // warm the page cache and statement cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await query(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { runs, p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)), maxMs: round(times.at(-1)!) };
}

const seeded = await seedIfNeeded();
rmSync(readModelFile, { force: true });
rmSync(`${readModelFile}-wal`, { force: true });
rmSync(`${readModelFile}-shm`, { force: true });

const store = new SqliteEventStore({ file: storeFile });
const db = new SqliteReadModelDatabase(readModelFile);
const batchSize = Number(process.env['BATCH'] ?? 5000);
const runner = new ProjectionRunner(store, db, readModelProjections, { batchSize });
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
await runner.prepare();
const started = performance.now();
let lastPrint = 0;
await runner.catchUp((position, head) => {
  const now = performance.now();
  if (now - lastPrint < 250 && position < head) return;
  lastPrint = now;
  const rate = Math.round(position / ((now - started) / 1000));
  process.stdout.write(`\rrebuild: ${position.toLocaleString()} / ${head.toLocaleString()} (${Math.round((100 * position) / head)} %), ${rate.toLocaleString()} events/s, rss ${Math.round(process.memoryUsage().rss / MiB)} MiB   `);
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const events = await store.headPosition();
const maxRssMiB = Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / MiB);
const rebuild = { events, seconds: Math.round(seconds * 100) / 100, eventsPerSecond: Math.round(events / seconds), peakRssMiB: maxRssMiB, batchSize, projections: readModelProjections.map((p) => `${p.name}@${p.version}`) };
console.log(`\nrebuild: ${rebuild.eventsPerSecond.toLocaleString()} events/s over ${events.toLocaleString()} events in ${rebuild.seconds} s, peak RSS ${maxRssMiB} MiB`);

const departments = [undefined, ...Array.from({ length: DEPARTMENTS }, (_, i) => `dept-${String(i).padStart(2, '0')}`)];
const dashboard = await latency(2000, (i) => departmentDashboard(db, i % 2 ? 2025 : 2026, departments[(i * 7) % departments.length]));
console.log(`dashboard: p50 ${dashboard.p50Ms} ms, p99 ${dashboard.p99Ms} ms over ${dashboard.runs} runs (all departments or one, 2025 or 2026)`);
const watchlist = await latency(1000, (i) =>
  deviationWatchlist(db, { status: 'open', fiscalYear: i % 2 ? 2025 : 2026, ...(departments[i % departments.length] ? { department: departments[i % departments.length]! } : {}), limit: 50, offset: 0 }, new Date('2026-07-15T00:00:00Z')),
);
console.log(`deviation watchlist (for information): p50 ${watchlist.p50Ms} ms, p99 ${watchlist.p99Ms} ms`);
const counts = Object.fromEntries(
  await Promise.all(['rm_projects', 'rm_dashboard', 'rm_deviations', 'rm_evaluations', 'rm_rectifications', 'rm_cuts', 'rm_indicators'].map(async (t) => [t, Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`))!.n)] as const)),
);

const result = {
  benchmark: 'projections',
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  workload: { events, seededProjects: counts['rm_projects'], departments: DEPARTMENTS, fiscalYears: [2025, 2026], seedSeconds: seeded.seconds, rows: counts },
  rebuild,
  dashboard,
  deviationWatchlist: watchlist,
  targets,
  met: {
    rebuildEventsPerSecond: rebuild.eventsPerSecond >= targets.rebuildEventsPerSecond,
    peakRssMiB: rebuild.peakRssMiB <= targets.peakRssMiB,
    dashboardP99Ms: dashboard.p99Ms <= targets.dashboardP99Ms,
  },
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/projections.json'), JSON.stringify(result, null, 2) + '\n');
console.log('wrote bench/results/projections.json', JSON.stringify(result.met));
await db.close();
await store.close();
