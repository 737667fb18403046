import { nationalRulebook2020, practiceRulebook2027, type ProjectCommand, type Rulebook } from '@jixiao/domain';
import { scoresFor, simpleIndicators, toExecution, workflowHarness, type Harness } from '../testing/workflow-harness.js';
import { evaluationRectificationId } from '../process-managers/result-application/result-application.js';
import { whatIfProject } from './what-if.js';

const policy = practiceRulebook2027.resultPolicy;
/** practice-2027 with 中 cut 20% instead of 10%. */
const heavierCut: Rulebook = { ...practiceRulebook2027, version: 2, resultPolicy: { ...policy, fair: { ...policy.fair!, cutProportion: 0.2 } } };
/** practice-2027 with 中 from 65 points: 62 is 差 (cut 30%, and `maintain` is not among 差's decisions). */
const stricterBands: Rulebook = {
  ...practiceRulebook2027,
  version: 3,
  gradeBands: [
    { grade: 'excellent', min: 90 },
    { grade: 'good', min: 80 },
    { grade: 'fair', min: 65 },
    { grade: 'poor', min: 0 },
  ],
};
/** 中 applied by the rules themselves, and it cancels: the project could not have gone on. */
const fairCancels: Rulebook = { ...practiceRulebook2027, version: 4, resultPolicy: { ...policy, fair: { ...policy.fair!, decisions: ['cancel'], automatic: true } } };

const M = 1_000_000; // 10,000 yuan in fen

const nextYear = (fiscalYear: number, requestedFen: number): ProjectCommand[] => [
  { type: 'OpenNextCycle', fiscalYear, overallGoal: 'Serve 1,200 households', indicators: simpleIndicators(fiscalYear) as never, requestedFen },
  { type: 'ReviewGoals', grade: 'good' },
  { type: 'DecideAdmission', decision: 'admit', reviewScore: 88 },
];

/**
 * The three fiscal years under practice-2027 (finance decides each result and cut):
 * 2025 graded 中, maintained and cut 10%; 2026 allocated within the cap (100M − 10M) and
 * graded 优, prioritised; 2027 allocated above the cap with a reason.
 */
async function threeYears(h: Harness): Promise<void> {
  const engine = await h.engine();
  const at = async (iso: string, commands: ProjectCommand[]) => {
    h.clock.set(iso);
    await engine.runUntilIdle();
    for (const command of commands) await h.given('p1', command);
    await engine.runUntilIdle();
  };
  await at('2025-01-20T00:00:00Z', toExecution('p1', 2025));
  await at('2025-12-20T00:00:00Z', [
    { type: 'ScoreEvaluation', evaluationId: 'eval-2025', kind: 'finance', evaluatorId: 'finance', scores: scoresFor('fair'), executionRateReason: 'Late tender' },
    { type: 'ApplyResult', evaluationId: 'eval-2025', decision: 'maintain' },
    { type: 'CutBudget', cutId: 'cut-2025', cause: { kind: 'evaluation', evaluationId: 'eval-2025' } },
  ]);
  await at('2026-01-20T00:00:00Z', [
    { type: 'ReportRectification', rectificationId: evaluationRectificationId('eval-2025'), report: 'Tendering fixed' },
    { type: 'VerifyRectification', rectificationId: evaluationRectificationId('eval-2025'), passed: true },
  ]);
  await at('2026-02-20T00:00:00Z', [...nextYear(2026, 95 * M), { type: 'AllocateBudget', amountFen: 90 * M }]);
  await at('2026-12-20T00:00:00Z', [
    { type: 'ScoreEvaluation', evaluationId: 'eval-2026', kind: 'finance', evaluatorId: 'finance', scores: scoresFor('excellent'), executionRateReason: 'Late tender' },
    { type: 'ApplyResult', evaluationId: 'eval-2026', decision: 'prioritise' },
  ]);
  await at('2027-02-20T00:00:00Z', [...nextYear(2027, 100 * M), { type: 'AllocateBudget', amountFen: 100 * M, capExceptionReason: 'Prioritised: graded 优 in 2026' }]);
  await at('2027-03-01T00:00:00Z', []);
}

const ASOF = '2027-03-01T00:00:00Z';

describe('what-if across the fiscal years of a project', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z', practiceRulebook2027);
    await threeYears(h);
  });
  afterAll(() => h.close());

  it('under the rulebook it lived by, decides all three years again exactly: each opening, cap and applied cut', async () => {
    const types = await h.types('p1');
    expect(types.filter((t) => ['CycleOpened', 'PriorCutsApplied', 'BudgetCut', 'ProjectMaintained', 'ProjectPrioritised'].includes(t))).toEqual([
      'ProjectMaintained',
      'BudgetCut',
      'CycleOpened',
      'PriorCutsApplied',
      'ProjectPrioritised',
      'CycleOpened',
      'PriorCutsApplied',
    ]);
    const report = await whatIfProject(h.store, 'p1', practiceRulebook2027, ASOF);
    expect(report.refusals).toEqual([]);
    expect(report.identical).toBe(true);
    expect(report.years.map((y) => [y.fiscalYear, y.differs])).toEqual([[2025, false], [2026, false], [2027, false]]);
    expect(report.years.map((y) => y.whatIf)).toEqual([
      { grade: 'fair', result: 'maintain', cuts: { count: 1, fen: 10 * M }, allocatedFen: 100 * M, capFen: null, aboveCapFen: 0, nextCapFen: 90 * M },
      { grade: 'excellent', result: 'prioritise', cuts: { count: 0, fen: 0 }, allocatedFen: 90 * M, capFen: 90 * M, aboveCapFen: 0, nextCapFen: 90 * M },
      { grade: null, result: null, cuts: { count: 0, fen: 0 }, allocatedFen: 100 * M, capFen: 90 * M, aboveCapFen: 10 * M, nextCapFen: 100 * M },
    ]);
  });

  it('a heavier 中 cut: year 1 cuts 20M, so year 2 is allocated 10M above its lower cap with no reason (refused, kept); scoped to one year, only that year', async () => {
    const head = await h.store.headPosition();
    const report = await whatIfProject(h.store, 'p1', heavierCut, ASOF);
    expect(report.identical).toBe(false);
    expect(report.cuts).toEqual([{ key: 'evaluation:eval-2025', fiscalYear: 2025, actual: { proportion: 0.1, amountFen: 10 * M }, whatIf: { proportion: 0.2, amountFen: 20 * M } }]);
    expect(report.refusals).toEqual([{ key: 'AllocateBudget:2026', fiscalYear: 2026, command: 'AllocateBudget', ruleId: 'allocation.above-cut-cap-needs-reason', then: 'kept' }]);
    const [y2025, y2026, y2027] = report.years;
    expect(y2025).toMatchObject({ differs: true, actual: { cuts: { count: 1, fen: 10 * M }, nextCapFen: 90 * M }, whatIf: { cuts: { count: 1, fen: 20 * M }, nextCapFen: 80 * M } });
    expect(y2026).toMatchObject({ differs: true, actual: { capFen: 90 * M, aboveCapFen: 0 }, whatIf: { capFen: 80 * M, allocatedFen: 90 * M, aboveCapFen: 10 * M } });
    expect(y2027?.differs).toBe(false);

    const only2026 = await whatIfProject(h.store, 'p1', heavierCut, ASOF, { fiscalYear: 2026 });
    expect(only2026.fiscalYear).toBe(2026);
    expect(only2026.years.map((y) => y.fiscalYear)).toEqual([2026]);
    expect(only2026.cuts).toEqual([]); // the cut is 2025's
    expect(only2026.refusals.map((r) => r.key)).toEqual(['AllocateBudget:2026']);
    const only2025 = await whatIfProject(h.store, 'p1', heavierCut, ASOF, { fiscalYear: 2025 });
    expect(only2025.cuts.map((c) => c.key)).toEqual(['evaluation:eval-2025']);
    expect(only2025.refusals).toEqual([]);
    const only2027 = await whatIfProject(h.store, 'p1', heavierCut, ASOF, { fiscalYear: 2027 });
    expect(only2027.identical).toBe(true);
    expect(await h.store.headPosition()).toBe(head);
  });

  it('stricter bands: year 1 is 差, so finance\'s `maintain` is not allowed (kept, listed) and the cut is 30%', async () => {
    const report = await whatIfProject(h.store, 'p1', stricterBands, ASOF);
    expect(report.grades).toEqual([{ key: 'eval-2025', fiscalYear: 2025, actual: 'fair', whatIf: 'poor' }]);
    expect(report.refusals).toEqual([
      { key: 'ApplyResult:eval-2025', fiscalYear: 2025, command: 'ApplyResult', ruleId: 'result.decision-not-allowed-for-grade', then: 'kept' },
      { key: 'AllocateBudget:2026', fiscalYear: 2026, command: 'AllocateBudget', ruleId: 'allocation.above-cut-cap-needs-reason', then: 'kept' },
    ]);
    expect(report.years[0]?.whatIf).toMatchObject({ grade: 'poor', result: 'maintain', cuts: { count: 1, fen: 30 * M }, nextCapFen: 70 * M });
    expect(report.years[1]?.whatIf).toMatchObject({ capFen: 70 * M, aboveCapFen: 20 * M });
  });

  it('a rule that cancels 中 by itself: finance\'s decisions give way to it, and the life ends with year 1', async () => {
    const report = await whatIfProject(h.store, 'p1', fairCancels, ASOF);
    expect(report.results).toEqual([
      { key: 'eval-2025', fiscalYear: 2025, actual: 'ProjectMaintained', whatIf: 'ProjectCancelled' },
      { key: 'eval-2026', fiscalYear: 2026, actual: 'ProjectPrioritised', whatIf: null },
    ]);
    expect(report.refusals.map((r) => [r.key, r.ruleId, r.then])).toEqual([
      ['ApplyResult:eval-2025', 'stage.command-not-allowed', 'dropped'],
      ['CutBudget:cut-2025', 'cut.cause-already-used', 'dropped'],
      ['OpenNextCycle:2026', 'cycle.project-cancelled', 'life-ended'],
    ]);
    expect(report.years.map((y) => [y.fiscalYear, y.actual !== null, y.whatIf !== null])).toEqual([
      [2025, true, true],
      [2026, true, false],
      [2027, true, false],
    ]);
  });
});

describe('what-if of a history the rules applied by themselves, under a rulebook that leaves results to finance', () => {
  let h: Harness;
  afterAll(() => h.close());

  it('finds no result in year 1, still opens year 2 as the department asked, and lists what it could not decide', async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z', nationalRulebook2020);
    const engine = await h.engine();
    for (const command of toExecution('p1', 2025)) await h.given('p1', command);
    h.clock.set('2025-12-20T00:00:00Z');
    await h.given('p1', { type: 'ScoreEvaluation', evaluationId: 'eval-2025', kind: 'finance', evaluatorId: 'finance', scores: scoresFor('fair'), executionRateReason: 'Late tender' });
    await engine.runUntilIdle(); // national-2020: maintained and cut 10% by the workflow
    h.clock.set('2026-01-10T00:00:00Z');
    for (const command of [...nextYear(2026, 90 * M), { type: 'AllocateBudget', amountFen: 90 * M } as const]) await h.given('p1', command);
    await engine.runUntilIdle();

    const live = await whatIfProject(h.store, 'p1', nationalRulebook2020, '2026-01-11T00:00:00Z');
    expect(live).toMatchObject({ identical: true, refusals: [] });
    const report = await whatIfProject(h.store, 'p1', practiceRulebook2027, '2026-01-11T00:00:00Z');
    expect(report.results).toEqual([{ key: 'eval-2025', fiscalYear: 2025, actual: 'ProjectMaintained', whatIf: null }]);
    expect(report.cuts).toEqual([{ key: 'evaluation:eval-2025', fiscalYear: 2025, actual: { proportion: 0.1, amountFen: 10 * M }, whatIf: null }]);
    expect(report.refusals.map((r) => [r.key, r.ruleId, r.then])).toEqual([['OpenNextCycle:2026', 'stage.command-not-allowed', 'kept']]);
    // Year 2 opened all the same: its cap is year 1's budget with no cut, so 90M is within it.
    expect(report.years.map((y) => [y.fiscalYear, y.whatIf?.result ?? null, y.whatIf?.capFen ?? null])).toEqual([
      [2025, null, null],
      [2026, null, 100 * M],
    ]);
  });
});
