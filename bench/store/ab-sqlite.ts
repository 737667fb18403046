/**
 * A/B of the SQLite append path between two builds, alternating runs on one machine so
 * load from other processes falls on both alike. Issue 13 changed that path (the
 * predecessor's recordedAt read per batch; the lock wait retried on a timer).
 *
 *   npm run build && node dist/bench/store/ab-sqlite.js <before-dist> [runs]
 *
 * <before-dist> is the dist folder of the other build (swc output of an earlier commit).
 * Runs W1 (sequential single-event appends, exact revision) and W2 (32 concurrent writers)
 * of issue 2, each on a fresh file, and writes bench/results/ab-sqlite.json with medians.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SqliteEventStore } from '@jixiao/event-store';
import { runStoreWorkloads, type WorkloadFigures } from './store-workloads.js';


const [beforeDist, runsArg] = process.argv.slice(2);
if (!beforeDist) throw new Error('usage: node dist/bench/store/ab-sqlite.js <before-dist> [runs]');
const runs = Number(runsArg ?? 3);
const before = await import(pathToFileURL(resolve(beforeDist, 'libs/event-store/src/index.js')).href);
const beforeWorkloads = await import(pathToFileURL(resolve(beforeDist, 'bench/store/store-workloads.js')).href);

const folder = mkdtempSync(join(tmpdir(), 'jixiao-ab-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const figures: Record<'before' | 'after', WorkloadFigures[]> = { before: [], after: [] };
try {
  for (let i = 0; i < runs; i++) {
    for (const side of ['before', 'after'] as const) {
      const file = join(folder, `${side}-${i}.sqlite`);
      const store = side === 'before' ? new before.SqliteEventStore({ file }) : new SqliteEventStore({ file });
      const run = side === 'before' ? beforeWorkloads.runStoreWorkloads : runStoreWorkloads;
      const result: WorkloadFigures = await run(store, () => undefined);
      await store.close();
      figures[side].push(result);
      console.log(`${side} run ${i + 1}: W1 ${result.w1EventsPerSec}/s, W2 ${result.w2EventsPerSec}/s (p99 ${result.w2P99Ms} ms), W3 ${result.w3EventsPerSec}/s`);
    }
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
const summary = (['w1EventsPerSec', 'w2EventsPerSec', 'w3EventsPerSec'] as const).map((key) => {
  const b = median(figures.before.map((f) => f[key]));
  const a = median(figures.after.map((f) => f[key]));
  return { figure: key, beforeMedian: b, afterMedian: a, ratio: Math.round((a / b) * 1000) / 1000 };
});
console.table(summary);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/ab-sqlite.json', JSON.stringify({ runs, beforeDist, summary, figures }, null, 2) + '\n');
