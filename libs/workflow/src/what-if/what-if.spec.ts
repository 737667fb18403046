import { LIGHT_EVENT_TYPES, nationalRulebook2020, practiceRulebook2026, type Rulebook } from '@jixiao/domain';
import { scoresFor, toExecution, workflowHarness, type Harness } from '../testing/workflow-harness.js';
import { whatIfDepartment, whatIfProject } from './what-if.js';

/** A stricter regional version: tighter warnings, a fair band from 70, a heavier cut for fair. */
const strict: Rulebook = {
  ...nationalRulebook2020,
  version: 2,
  deviationThresholds: { yellow: 0.05, red: 0.15 },
  gradeBands: [
    { grade: 'excellent', min: 90 },
    { grade: 'good', min: 80 },
    { grade: 'fair', min: 70 },
    { grade: 'poor', min: 0 },
  ],
  resultPolicy: { ...nationalRulebook2020.resultPolicy, fair: { ...nationalRulebook2020.resultPolicy.fair!, cutProportion: 0.2 } },
};

describe('what-if replay through another rulebook version', () => {
  let h: Harness;
  afterAll(() => h.close());

  it('reports the flags, grades and cuts that would differ, and writes nothing', async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z');
    const engine = await h.engine();
    for (const id of ['p1', 'p2']) for (const command of toExecution(id, 2025)) await h.given(id, command);
    h.clock.set('2025-06-05T00:00:00Z');
    // May: 500 due; 430 is 5.8 points behind: no flag under national-2020, yellow under the strict rules.
    await h.given('p1', { type: 'RecordReading', readingId: 'r5', indicatorId: 'households', period: '2025-05', value: 430 });
    await engine.runUntilIdle();
    h.clock.set('2025-12-20T00:00:00Z');
    // 52 + 10 + 0 = 62: fair under national-2020 (cut 10%), poor under the strict bands (cut 30%, rectification).
    await h.given('p1', { type: 'ScoreEvaluation', evaluationId: 'eval-1', kind: 'finance', evaluatorId: 'finance', scores: scoresFor('fair'), executionRateReason: 'Late tender' });
    await h.given('p2', { type: 'ScoreEvaluation', evaluationId: 'eval-1', kind: 'finance', evaluatorId: 'finance', scores: scoresFor('excellent'), executionRateReason: 'Late tender' });
    await engine.runUntilIdle();
    const head = await h.store.headPosition();

    const report = await whatIfProject(h.store, 'p1', strict, '2025-12-21T00:00:00Z');
    expect(report.identical).toBe(false);
    expect(report.rulebook).toEqual({ id: 'national-2020', version: 2 });
    expect(report.flags).toEqual([{ key: 'households@2025-05', fiscalYear: 2025, actual: null, whatIf: 'yellow' }]);
    expect(report.grades).toEqual([{ key: 'eval-1', fiscalYear: 2025, actual: 'fair', whatIf: 'poor' }]);
    expect(report.cuts).toEqual([{ key: 'evaluation:eval-1', fiscalYear: 2025, actual: { proportion: 0.1, amountFen: 10_000_000 }, whatIf: { proportion: 0.3, amountFen: 30_000_000 } }]);
    expect(report.results).toEqual([{ key: 'eval-1', fiscalYear: 2025, actual: 'ProjectMaintained', whatIf: 'ProjectSuspended' }]);
    // The year as a whole: under the strict rules it hands the next year 70M, not 90M.
    expect(report.years).toEqual([
      {
        fiscalYear: 2025,
        differs: true,
        actual: { grade: 'fair', result: 'maintain', cuts: { count: 1, fen: 10_000_000 }, allocatedFen: 100_000_000, capFen: null, aboveCapFen: 0, nextCapFen: 90_000_000 },
        whatIf: { grade: 'poor', result: 'suspend', cuts: { count: 1, fen: 30_000_000 }, allocatedFen: 100_000_000, capFen: null, aboveCapFen: 0, nextCapFen: 70_000_000 },
      },
    ]);

    // The same version changes nothing; an excellent project is untouched by the stricter rules.
    expect((await whatIfProject(h.store, 'p1', nationalRulebook2020, '2025-12-21T00:00:00Z')).identical).toBe(true);
    const department = await whatIfDepartment(h.store, 'water-bureau', strict, '2025-12-21T00:00:00Z');
    expect(department.map((r) => [r.projectId, r.identical])).toEqual([['p1', false], ['p2', true]]);
    expect(await h.store.headPosition()).toBe(head);
  });
});

describe('what-if reproduces the live lights', () => {
  let h: Harness;
  afterAll(() => h.close());

  it('with the rulebook unchanged, every light decided live — by commands and by the assessment timer — is decided again, exactly', async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z', practiceRulebook2026);
    const engine = await h.engine();
    for (const command of toExecution('p1', 2025)) await h.given('p1', command);
    await engine.runUntilIdle();
    h.clock.set('2025-06-05T00:00:00Z');
    await h.given('p1', { type: 'RecordReading', readingId: 'r5', indicatorId: 'households', period: '2025-05', value: 370 });
    h.clock.set('2025-07-02T00:00:00Z');
    await engine.runUntilIdle(); // the 30 June assessment: yellow on households, red on the budget
    h.clock.set('2025-08-05T00:00:00Z');
    await h.given('p1', { type: 'RecordReading', readingId: 'r7', indicatorId: 'households', period: '2025-07', value: 300 });
    await h.given('p1', { type: 'RecordExpenditure', expenditureId: 'x1', amountFen: 60_000_000, spentOn: '2025-07-31' });
    h.clock.set('2025-09-02T00:00:00Z');
    await engine.runUntilIdle();
    const live = (await h.stream('p1')).filter((e) => (LIGHT_EVENT_TYPES as readonly string[]).includes(e.type)).map((e) => e.type);
    expect(live).toEqual(['DeviationFlagged', 'DeviationFlagged', 'DeviationRaised', 'DeviationCleared']);

    const same = await whatIfProject(h.store, 'p1', practiceRulebook2026, '2025-09-02T00:00:00Z');
    expect(same).toMatchObject({ identical: true, lights: [], flags: [] });
    // The ledger does see the lights: budget execution yellow below 110% keeps the budget warning open in July.
    const stricter = { ...practiceRulebook2026, version: 2, lights: { ...practiceRulebook2026.lights!, budgetBands: { red: 0.6, yellow: 1.1 } } };
    const report = await whatIfProject(h.store, 'p1', stricter, '2025-09-02T00:00:00Z');
    expect(report.identical).toBe(false);
    expect(report.lights).toContainEqual({ key: 'budget@2025-07-31:DeviationCleared', fiscalYear: 2025, actual: 'green', whatIf: null });
  });
});
