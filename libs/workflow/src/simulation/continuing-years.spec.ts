import { join } from 'node:path';
import { accountabilityLedger, ProjectionRunner, readModelProjections, resultsToAllocations, SqliteReadModelDatabase } from '@jixiao/projections';
import { workflowHarness, type Harness } from '../testing/workflow-harness.js';
import { continuingRulebook, planContinuingProjects, type YearPlan } from './continuing-plan.js';
import { simulateContinuingYears } from './continuing-years.js';
import { cutLedgerOf } from './cut-ledger.js';
import { expectedCutLedger } from './expected-cut-ledger.js';
import { whatIfProject } from '../what-if/what-if.js';

/** JIXIAO_SIM3_PROJECTS scales the run (1,000 by default: three years each). */
const PROJECTS = Number(process.env['JIXIAO_SIM3_PROJECTS'] ?? 1000);
const FIRST_YEAR = 2025;

describe(`seeded continuing projects: ${PROJECTS} over three fiscal years`, () => {
  let h: Harness;
  afterAll(() => h?.close());

  it('runs the loop to completion, and the cut ledger from the store equals an independent count from the plan', async () => {
    const started = Date.now();
    h = await workflowHarness(`${FIRST_YEAR}-01-01T00:00:00Z`, continuingRulebook);
    const engine = await h.engine({ batchSize: 2000 });
    const plans = planContinuingProjects(PROJECTS, 20250102, FIRST_YEAR);
    const run = await simulateContinuingYears(h, engine, plans, (step) => process.env['JIXIAO_SIM_LOG'] && console.log(`${((Date.now() - started) / 1000).toFixed(1)} s ${step}`));

    const ledger = await cutLedgerOf(h.store.readAll({ batchSize: 5000 }));
    const expected = expectedCutLedger(plans);
    expect(ledger).toEqual(expected);
    // The plan exercises every part of the loop in every following year.
    expect(expected.years.map((y) => y.fiscalYear)).toEqual([FIRST_YEAR, FIRST_YEAR + 1, FIRST_YEAR + 2]);
    for (const year of expected.years.slice(1)) {
      expect(year.cutsApplied.count).toBeGreaterThan(0);
      expect(year.exceptions.count).toBeGreaterThan(0);
      expect(year.allocated.count).toBeLessThan(PROJECTS);
    }

    const years = plans.flatMap((p) => p.years);
    const cancelledAsking = years.filter((y) => y.result === 'cancel' && y.asksNextYear).length;
    expect(cancelledAsking).toBeGreaterThan(0);
    expect(run.refusedOpenings).toEqual({ 'cycle.project-cancelled': cancelledAsking });

    const counts: Record<string, number> = {};
    const opened = new Set<string>();
    const cancelled = new Set<string>();
    for await (const event of h.store.readAll({ batchSize: 5000 })) {
      counts[event.type] = (counts[event.type] ?? 0) + 1;
      if (event.type === 'ProjectCancelled') cancelled.add(event.stream);
      // No cycle opens after a cancellation.
      if (event.type === 'CycleOpened' && cancelled.has(event.stream)) opened.add(event.stream);
    }
    expect([...opened]).toEqual([]);
    expect({
      cyclesOpened: counts['CycleOpened'] ?? 0,
      rectificationsOrdered: counts['RectificationOrdered'] ?? 0,
      accountabilityActions: counts['AccountabilityActionTaken'] ?? 0,
      readingsFlaggedOverdue: counts['ReadingOverdueFlagged'] ?? 0,
      deviationsEscalated: counts['DeviationEscalated'] ?? 0,
      cancelled: counts['ProjectCancelled'] ?? 0,
    }).toEqual({
      cyclesOpened: plans.reduce((n, p) => n + p.years.length - 1, 0),
      rectificationsOrdered: years.filter((y) => y.rectification !== null).length,
      accountabilityActions: years.filter((y) => y.rectification === 'late').length,
      readingsFlaggedOverdue: years.reduce((n, y) => n + y.skipped.length, 0),
      deviationsEscalated: years.filter((y) => y.redInQ2).length,
      cancelled: years.filter((y) => y.result === 'cancel').length,
    });
    // What-if under the rulebook they lived by decides every year of these lives again, exactly:
    // lives that were cancelled, rectified late, adjusted mid-year, or allocated above the cap.
    const asOf = h.clock.now().toISOString();
    const kinds = [
      (y: YearPlan) => y.result === 'cancel',
      (y: YearPlan) => y.rectification === 'late',
      (y: YearPlan) => y.adjustedBudgetFen !== null,
      (y: YearPlan) => y.aboveCapFen > 0,
    ];
    const sample = new Set(kinds.flatMap((kind) => plans.filter((p) => p.years.some(kind)).slice(0, 10)));
    for (const kind of kinds) expect([...sample].some((p) => p.years.some(kind))).toBe(true);
    for (const plan of sample) {
      const report = await whatIfProject(h.store, plan.projectId, continuingRulebook, asOf);
      expect({ projectId: plan.projectId, identical: report.identical, years: report.years.length }).toEqual({ projectId: plan.projectId, identical: true, years: plan.years.length });
    }
    expect(await engine.refusals()).toEqual([]);
    expect((await engine.status()).every((s) => s.lag === 0)).toBe(true);

    // The read models built from the same store tell the same ledger: the accountability
    // ledger (cuts decided in a year; cuts and exceptions applied in a year) and the
    // results-to-allocations dashboard (summed over departments) equal the plan's count.
    const db = new SqliteReadModelDatabase(join(h.folder, 'ledger-read-models.sqlite'));
    try {
      const runner = new ProjectionRunner(h.store, db, readModelProjections, { clock: h.clock.now });
      await runner.prepare();
      await runner.catchUp();
      const page = { limit: 1, offset: 0 };
      const sum = (rows: readonly number[]) => rows.reduce((a, b) => a + b, 0);
      for (const year of expected.years) {
        const decided = await accountabilityLedger(db, { ...page, fiscalYear: year.fiscalYear }, h.clock.now());
        const applied = await accountabilityLedger(db, { ...page, appliedInFiscalYear: year.fiscalYear }, h.clock.now());
        // Year N+1 beside year N: the first year has no year before it on the dashboard.
        const dashboard = year.fiscalYear > FIRST_YEAR ? await resultsToAllocations(db, year.fiscalYear - 1) : [];
        const onDashboard = year.fiscalYear > FIRST_YEAR;
        expect({
          fiscalYear: year.fiscalYear,
          cutsDecided: { count: decided.cuts.total, fen: decided.cuts.totalFen },
          cutsApplied: { count: applied.cuts.total, fen: applied.cuts.appliedFen },
          exceptions: { count: applied.exceptions.total, aboveCapFen: applied.exceptions.aboveCapFen },
          allocatedFen: sum(dashboard.map((d) => d.allocations.allocatedFen)),
          dashboardCutsAppliedFen: sum(dashboard.map((d) => d.allocations.cutsAppliedFen)),
          dashboardExceptions: sum(dashboard.map((d) => d.allocations.exceptions.count)),
        }).toEqual({
          fiscalYear: year.fiscalYear,
          cutsDecided: year.cutsDecided,
          cutsApplied: year.cutsApplied,
          exceptions: { count: year.exceptions.count, aboveCapFen: year.exceptions.aboveCapFen },
          allocatedFen: onDashboard ? year.allocated.fen : 0,
          dashboardCutsAppliedFen: onDashboard ? year.cutsApplied.fen : 0,
          dashboardExceptions: onDashboard ? year.exceptions.count : 0,
        });
      }
    } finally {
      await db.close();
    }
  }, 300_000);
});
