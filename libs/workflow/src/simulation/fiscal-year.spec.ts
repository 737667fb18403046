import { nationalRulebook2020 } from '@jixiao/domain';
import { workflowHarness, type Harness } from '../testing/workflow-harness.js';
import { expectedLedger, planYear, quarterlyRulebook, simulateFiscalYear } from './fiscal-year.js';

/** JIXIAO_SIM_PROJECTS scales the run (5,000 by default). */
const PROJECTS = Number(process.env['JIXIAO_SIM_PROJECTS'] ?? 5000);

describe(`a seeded fiscal year of ${PROJECTS} projects`, () => {
  let h: Harness;
  afterAll(() => h?.close());

  it('runs to completion with the fake clock, and the accountability ledger matches an independent count', async () => {
    const started = Date.now();
    h = await workflowHarness('2025-01-01T00:00:00Z', quarterlyRulebook);
    const engine = await h.engine({ batchSize: 2000 });
    const plans = planYear(PROJECTS, 20250101);
    await simulateFiscalYear(h, engine, plans, (step) => process.env['JIXIAO_SIM_LOG'] && console.log(`${((Date.now() - started) / 1000).toFixed(1)} s ${step}`));

    const counts: Record<string, number> = {};
    const rulebooks = new Set<string>();
    for await (const event of h.store.readAll({ batchSize: 5000 })) {
      counts[event.type] = (counts[event.type] ?? 0) + 1;
      const rulebook = event.data['rulebook'] as { id: string; version: number } | undefined;
      if (rulebook && event.metadata['workflow']) rulebooks.add(`${rulebook.id}@${rulebook.version}`);
    }
    const expected = expectedLedger(plans);
    expect({
      budgetCuts: counts['BudgetCut'] ?? 0,
      rectificationsOrdered: counts['RectificationOrdered'] ?? 0,
      accountabilityActions: counts['AccountabilityActionTaken'] ?? 0,
      readingsFlaggedOverdue: counts['ReadingOverdueFlagged'] ?? 0,
      deviationsEscalated: counts['DeviationEscalated'] ?? 0,
      incentives: counts['IncentiveGranted'] ?? 0,
    }).toEqual(expected);
    expect(expected.accountabilityActions).toBeGreaterThan(0);
    // Every rule-produced event the workflow caused names the rulebook in force, never another.
    expect([...rulebooks]).toEqual([`${quarterlyRulebook.id}@1`]);
    expect(nationalRulebook2020.monitoringCadence).toBe('monthly');
    expect(await engine.refusals()).toEqual([]);
    expect((await engine.status()).every((s) => s.lag === 0)).toBe(true);
  }, 300_000); // each lit reading now carries its light event: about 15% more to write and read on a shared 2-core machine
});
