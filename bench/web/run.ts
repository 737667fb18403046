/**
 * npm run bench:web — the web console on the 1,000,000-event benchmark store, in headless Chromium.
 * 1. The store of bench:projections (bench/projections/seed.ts; seeded here when missing) is copied
 *    to data/bench-web, so the tokens this run issues never change the projections benchmark's store.
 * 2. The api starts on the copy (read models caught up before measuring; workflow off, so nothing
 *    but one token is written) and serves the built console at /.
 * 3. Overview: navigation → data-ready (every figure and chart drawn), cold (new browser profile)
 *    and warm (assets cached). Drill-down: click on a department → its projects' data-ready.
 *    First page: the JavaScript the Overview route loads, gzipped as served.
 * Writes bench/results/web.json.
 */
import { fork } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { SqliteEventStore } from '@jixiao/event-store';
import { createApp } from '../../apps/api/src/app.js';
import { AccessTokens } from '@jixiao/application';
import { loadConfig } from '@jixiao/application';
import { openReadModels } from '@jixiao/application';
import { TARGET_EVENTS } from '../projections/seed.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const seeded = join(root, 'data/bench-projections/events.sqlite');
const folder = join(root, 'data/bench-web');
const targets = { overviewReadyMs: 1500, drillDownReadyMs: 500, initialRouteJsGzipKB: 600 };
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const fiscalYear = 2026;
const runs = Number(process.env['RUNS'] ?? 10);

async function headOf(file: string): Promise<number> {
  const store = new SqliteEventStore({ file });
  const head = await store.headPosition();
  await store.close();
  return head;
}

async function seedIfNeeded(): Promise<void> {
  if (existsSync(seeded) && (await headOf(seeded)) === TARGET_EVENTS) return;
  mkdirSync(dirname(seeded), { recursive: true });
  console.log('seeding the 1,000,000-event store (bench/projections/seed.ts)…');
  await new Promise<void>((resolve, reject) => {
    const child = fork(join(root, 'dist/bench/projections/seed.js'), [seeded]);
    child.on('message', (message: { done?: unknown }) => message.done && resolve());
    child.on('exit', (code) => (code ? reject(new Error(`seed exited with ${code}`)) : undefined));
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const summary = (values: number[]) => ({
  runs: values.length,
  medianMs: Math.round(percentile(values, 50)),
  p90Ms: Math.round(percentile(values, 90)),
  maxMs: Math.round(Math.max(...values)),
});

await seedIfNeeded();
mkdirSync(folder, { recursive: true });
// A fresh copy each run: the benchmark store stays exactly 1,000,000 events plus this run's one token.
copyFileSync(seeded, join(folder, 'events.sqlite'));
const config = loadConfig({ JIXIAO_DATA_DIR: folder, PORT: '0', LOG_LEVEL: 'silent', JIXIAO_WORKFLOW: 'off' });
const store = new SqliteEventStore({ file: join(folder, 'events.sqlite') });
const token = (await new AccessTokens(store).issue({ role: 'oversight', label: 'bench:web', issuedTo: 'bench:web' }, 'bench')).token;
const events = await store.headPosition();
const readModels = await openReadModels(config, store);
const app = await createApp({ config, store, readModels, logger: false });
await app.listen(0, '127.0.0.1');
const url = await app.getUrl();
const started = performance.now();
process.stdout.write('read models catching up with the store… ');
await readModels.runner.waitFor(events);
console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
const newPage = async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(`sessionStorage.setItem('jixiao.token', ${JSON.stringify(token)})`);
  return { context, page: await context.newPage() };
};
const overviewUrl = `${url}/#/overview?fiscalYear=${fiscalYear}`;
/** Where a cold Overview's time went: the console's user-timing marks (apps/web/src/main.ts, use-overview.ts, ready.ts), ms after navigation start. */
const marksOf = (page: Page) =>
  page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]))) as Promise<Record<string, number>>;
const loadAtStart = loadavg()[0]!;
const readyIn = async (page: Page, name: string, action: () => Promise<unknown>) => {
  const start = performance.now();
  await action();
  await page.waitForSelector(`[data-page="${name}"][data-ready="true"]`, { timeout: 30_000 });
  return performance.now() - start;
};

// The first page: every script the Overview route loads, with its bytes as sent (gzip).
const first = await newPage();
const scripts = new Map<string, { bytes: number; gzip: boolean }>();
first.page.on('response', async (response) => {
  if (!response.url().endsWith('.js')) return;
  const headers = await response.allHeaders();
  const sent = Number(headers['content-length'] ?? (await response.body()).length);
  scripts.set(new URL(response.url()).pathname, { bytes: sent, gzip: headers['content-encoding'] === 'gzip' });
});
const coldFirst = await readyIn(first.page, 'overview', () => first.page.goto(overviewUrl));
const departments = await first.page.locator('[data-drill="department"]').count();
await first.context.close();
const initialJsGzipBytes = [...scripts.values()].reduce((sum, s) => sum + s.bytes, 0);

// Overview: cold (a new profile every run: nothing cached) and warm (same tab, reloaded).
const cold = [coldFirst];
const coldMarks: Array<Record<string, number>> = [];
for (let i = 1; i < runs; i++) {
  const { context, page } = await newPage();
  cold.push(await readyIn(page, 'overview', () => page.goto(overviewUrl)));
  coldMarks.push(await marksOf(page));
  await context.close();
}
const markMedian = (name: string) => Math.round(percentile(coldMarks.map((m) => m[name] ?? NaN), 50));
const { context, page } = await newPage();
await readyIn(page, 'overview', () => page.goto(overviewUrl));
const warm: number[] = [];
for (let i = 0; i < runs; i++) warm.push(await readyIn(page, 'overview', () => page.reload()));

// Drill-down: a department's name in the Overview table → its projects, ready.
const drill: number[] = [];
for (let i = 0; i < runs; i++) {
  const link = page.locator('[data-drill="department"]').nth((i * 7) % departments);
  drill.push(await readyIn(page, 'projects', () => link.click()));
  await readyIn(page, 'overview', () => page.goBack());
}
await context.close();
await browser.close();
await app.close();
await store.close();

const result = {
  benchmark: 'web',
  date: new Date().toISOString(),
  machine: {
    node: process.version,
    cpus: cpus().length,
    chromium: browser.version(),
    // The machine is shared: a 1-minute load average far above the 2 cores slows every figure below.
    loadAverage1m: { atStart: Math.round(loadAtStart * 10) / 10, atEnd: Math.round(loadavg()[0]! * 10) / 10 },
  },
  workload: { events, store: 'SQLite, the bench:projections seed (bench/projections/seed.ts) plus one token', fiscalYear, departments, runsEach: runs },
  overview: {
    cold: summary(cold),
    warm: summary(warm),
    coldMedianMarksMs: { appMounted: markMedian('jixiao:mounted'), dataArrived: markMedian('jixiao:overview-data'), ready: markMedian('jixiao:ready') },
  },
  drillDown: summary(drill),
  initialRoute: {
    scripts: [...scripts.entries()].map(([path, s]) => ({ path, bytes: s.bytes, gzip: s.gzip })),
    jsGzipKB: Math.round(initialJsGzipBytes / 102.4) / 10,
  },
  targets,
  met: {
    overviewReady: percentile(cold, 90) <= targets.overviewReadyMs,
    drillDownReady: percentile(drill, 90) <= targets.drillDownReadyMs,
    initialRouteJs: initialJsGzipBytes / 1024 <= targets.initialRouteJsGzipKB,
  },
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/web.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify({ overview: result.overview, drillDown: result.drillDown, jsGzipKB: result.initialRoute.jsGzipKB, met: result.met }, null, 2));
