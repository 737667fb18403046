/**
 * npm run bench:simulation [-- <projects>] — the seeded simulations through the real
 * command pipeline, workflow and SQLite store, with the fake clock (5,000 projects by default):
 * 1. one fiscal year (the 5,000-project test's workload: planYear, seed 20250101);
 * 2. three fiscal years of continuing projects (planContinuingProjects, seed 20250102):
 *    cuts decided, applied in the next allocation, exceptions above the cap.
 * Each: wall seconds, events written, events/s, peak RSS; the three-year run also checks its
 * cut ledger from the store against the plan's own count (exit 1 if they differ).
 * Writes bench/results/simulation.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { workflowHarness } from '../../libs/workflow/src/testing/workflow-harness.js';
import { planYear, quarterlyRulebook, simulateFiscalYear } from '../../libs/workflow/src/simulation/fiscal-year.js';
import { continuingRulebook, planContinuingProjects } from '../../libs/workflow/src/simulation/continuing-plan.js';
import { simulateContinuingYears } from '../../libs/workflow/src/simulation/continuing-years.js';
import { cutLedgerOf } from '../../libs/workflow/src/simulation/cut-ledger.js';
import { expectedCutLedger } from '../../libs/workflow/src/simulation/expected-cut-ledger.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const MiB = 1024 * 1024;
const projects = Number(process.argv[2] ?? 5000);
if (!Number.isInteger(projects) || projects < 1) throw new Error('projects must be a positive whole number');
/** The simulation tests' timeout (300 s): what each run must fit in on this machine. */
const targets = { oneYearSeconds: 300, threeYearsSeconds: 300 };

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);

async function measure<T>(name: string, run: () => Promise<{ events: number; extra: T }>) {
  peakRss = process.memoryUsage().rss;
  const started = performance.now();
  const { events, extra } = await run();
  const seconds = (performance.now() - started) / 1000;
  const result = { seconds: Number(seconds.toFixed(1)), events, eventsPerSecond: Math.round(events / seconds), peakRssMiB: Math.round(peakRss / MiB), ...extra };
  console.log(`${name}: ${JSON.stringify(result)}`);
  return result;
}

const oneYear = await measure('one fiscal year', async () => {
  const h = await workflowHarness('2025-01-01T00:00:00Z', quarterlyRulebook);
  try {
    const engine = await h.engine({ batchSize: 2000 });
    await simulateFiscalYear(h, engine, planYear(projects, 20250101));
    return { events: await h.store.headPosition(), extra: { projects, fiscalYears: 1 } };
  } finally {
    await h.close();
  }
});

const threeYears = await measure('three fiscal years', async () => {
  const h = await workflowHarness('2025-01-01T00:00:00Z', continuingRulebook);
  try {
    const engine = await h.engine({ batchSize: 2000 });
    const plans = planContinuingProjects(projects, 20250102, 2025);
    await simulateContinuingYears(h, engine, plans);
    const ledger = await cutLedgerOf(h.store.readAll({ batchSize: 5000 }));
    const ledgerMatchesPlan = isDeepStrictEqual(JSON.parse(JSON.stringify(ledger)), JSON.parse(JSON.stringify(expectedCutLedger(plans))));
    return {
      events: await h.store.headPosition(),
      extra: { projects, fiscalYears: 3, projectYears: plans.reduce((n, p) => n + p.years.length, 0), ledgerMatchesPlan, ledger },
    };
  } finally {
    await h.close();
  }
});
clearInterval(sampler);

const result = {
  benchmark: 'simulation',
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length },
  command: `npm run bench:simulation -- ${projects}`,
  oneYear,
  threeYears,
  targets,
  met: { oneYearSeconds: oneYear.seconds <= targets.oneYearSeconds, threeYearsSeconds: threeYears.seconds <= targets.threeYearsSeconds, ledgerMatchesPlan: threeYears.ledgerMatchesPlan },
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/simulation.json'), JSON.stringify(result, null, 2) + '\n');
console.log('wrote bench/results/simulation.json', JSON.stringify(result.met));
if (!threeYears.ledgerMatchesPlan) process.exit(1);
