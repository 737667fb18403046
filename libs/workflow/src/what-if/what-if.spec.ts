import { nationalRulebook2020, type Rulebook } from '@jixiao/domain';
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
    expect(report.flags).toEqual([{ key: 'households@2025-05', actual: null, whatIf: 'yellow' }]);
    expect(report.grades).toEqual([{ key: 'eval-1', actual: 'fair', whatIf: 'poor' }]);
    expect(report.cuts).toEqual([{ key: 'evaluation:eval-1', actual: { proportion: 0.1, amountFen: 10_000_000 }, whatIf: { proportion: 0.3, amountFen: 30_000_000 } }]);
    expect(report.results).toEqual([{ key: 'eval-1', actual: 'ProjectMaintained', whatIf: 'ProjectSuspended' }]);

    // The same version changes nothing; an excellent project is untouched by the stricter rules.
    expect((await whatIfProject(h.store, 'p1', nationalRulebook2020, '2025-12-21T00:00:00Z')).identical).toBe(true);
    const department = await whatIfDepartment(h.store, 'water-bureau', strict, '2025-12-21T00:00:00Z');
    expect(department.map((r) => [r.projectId, r.identical])).toEqual([['p1', false], ['p2', true]]);
    expect(await h.store.headPosition()).toBe(head);
  });
});
