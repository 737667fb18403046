import { given } from '../../testing/decider-spec.js';
import { at, e, EVALUATION_SEASON, GOOD_SCORES, historyAt, RULEBOOK_REF } from '../../testing/fixtures.js';
import type { ScoreEvaluation } from './commands.js';

const season = at(EVALUATION_SEASON);
/** Executing, with 95% of the budget spent: the execution rate earns 9.5 of its 10 points. */
const spent95 = [...historyAt.executing, e.spent('x', 95_000_000, 95_000_000)];

const score = (change: Partial<ScoreEvaluation> = {}): ScoreEvaluation => ({
  type: 'ScoreEvaluation',
  evaluationId: 'eval-1',
  kind: 'finance',
  evaluatorId: 'finance-bureau',
  method: 'factor-analysis',
  scores: GOOD_SCORES,
  ...change,
});
/** Scores whose indicator points sum to `sum` (< 86): taken off GOOD_SCORES indicator by indicator. */
const scoresSumming = (sum: number) => {
  let toRemove = Math.round((86 - sum) * 100);
  return GOOD_SCORES.map((s) => {
    const taken = Math.min(toRemove, s.points * 100);
    toRemove -= taken;
    return { ...s, points: (s.points * 100 - taken) / 100 };
  });
};

describe('AssignEvaluator (指派评价主体)', () => {
  it('assigns a third-party evaluator', () => {
    const outcome = given(...historyAt.executing).when({ type: 'AssignEvaluator', evaluatorId: 'cpa-firm', evaluatorKind: 'third-party' });
    outcome.then(e.evaluatorAssigned('cpa-firm'));
    expect(outcome.stateAfter().evaluators).toEqual(['cpa-firm']);
  });

  it('refuses assigning the same evaluator twice, or an invalid one', () => {
    given(...historyAt.executing, e.evaluatorAssigned('cpa-firm'))
      .when({ type: 'AssignEvaluator', evaluatorId: 'cpa-firm', evaluatorKind: 'third-party' })
      .thenRefuses('invariant', 'evaluation.evaluator-already-assigned');
    given(...historyAt.executing)
      .when({ type: 'AssignEvaluator', evaluatorId: 'x', evaluatorKind: 'self' as never })
      .thenRefuses('invariant', 'evaluation.evaluator-invalid');
  });

  it('refuses before execution', () => {
    given(...historyAt.admitted)
      .when({ type: 'AssignEvaluator', evaluatorId: 'cpa-firm', evaluatorKind: 'third-party' })
      .thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});

describe('ScoreEvaluation (绩效评价)', () => {
  it('derives the execution-rate points, the total and the grade; the caller never supplies a grade', () => {
    given(...spent95)
      .when(score(), season)
      .then({
        type: 'EvaluationScored',
        schemaVersion: 2,
        data: {
          evaluationId: 'eval-1',
          kind: 'finance',
          evaluatorId: 'finance-bureau',
          method: 'factor-analysis',
          indicatorScores: [
            { indicatorId: 'households', points: 25, maxPoints: expect.closeTo(200 / 7, 9) },
            { indicatorId: 'unit-cost', points: 14, maxPoints: expect.closeTo(100 / 7, 9) },
            { indicatorId: 'water-quality', points: 7, maxPoints: expect.closeTo(50 / 7, 9) },
            { indicatorId: 'illness-drop', points: 30, maxPoints: expect.closeTo(30, 9) },
            { indicatorId: 'satisfaction', points: 10, maxPoints: expect.closeTo(10, 9) },
          ],
          executionRate: 0.95,
          executionRatePoints: 9.5,
          executionRateReason: null,
          totalScore: 95.5,
          grade: 'excellent',
          drivesResults: true,
          scoredAt: EVALUATION_SEASON,
          rulebook: RULEBOOK_REF,
          sheet: null,
        },
      });
  });

  it.each([
    [80.5, 90, 'excellent'],
    [80.49, 89.99, 'good'],
    [70.5, 80, 'good'],
    [70.49, 79.99, 'fair'],
    [50.5, 60, 'fair'],
    [50.49, 59.99, 'poor'],
  ] as const)('indicator points %p + 9.5 = %p grades %s', (sum, total, grade) => {
    const outcome = given(...spent95).when(score({ scores: scoresSumming(sum) }), season);
    expect(outcome.decision).toMatchObject({ ok: true, events: [{ data: { totalScore: total, grade } }] });
  });

  it('ends execution: a result-driving evaluation moves the project to evaluated', () => {
    expect(given(...spent95).when(score(), season).stateAfter()).toMatchObject({
      stage: 'evaluated',
      evaluations: [{ evaluationId: 'eval-1', grade: 'excellent', totalScore: 95.5, drivesResults: true }],
    });
  });

  it('a self-evaluation is recorded but neither drives results nor ends execution', () => {
    // Every target met, by year-end actuals; the qualitative indicator picked at 7.14 of 50/7 (达成).
    const met = [
      { indicatorId: 'households', actual: 1200 },
      { indicatorId: 'unit-cost', actual: 800 },
      { indicatorId: 'water-quality', tier: 'achieved' as const, points: 7.14 },
      { indicatorId: 'illness-drop', actual: 20 },
      { indicatorId: 'satisfaction', actual: 90 },
    ];
    const outcome = given(...spent95).when(score({ kind: 'self', evaluatorId: 'water-bureau', scores: met }), season);
    expect(outcome.decision).toMatchObject({ ok: true, events: [{ data: { kind: 'self', drivesResults: false } }] });
    expect(outcome.stateAfter().stage).toBe('executing');
  });

  it('needs a reason when the execution rate is below 90%', () => {
    const spent80 = [...historyAt.executing, e.spent('x', 80_000_000, 80_000_000)];
    given(...spent80).when(score(), season).thenRefuses('invariant', 'evaluation.execution-rate-reason-required');
    const withReason = given(...spent80).when(score({ executionRateReason: 'Tender delayed by floods' }), season);
    expect(withReason.decision).toMatchObject({ ok: true, events: [{ data: { executionRate: 0.8, executionRatePoints: 8 } }] });
  });

  it('accepts exactly 90% without a reason', () => {
    const spent90 = [...historyAt.executing, e.spent('x', 90_000_000, 90_000_000)];
    expect(given(...spent90).when(score(), season).decision.ok).toBe(true);
  });

  // Invariant: scores per indicator within that indicator's points.
  it.each([
    ['points above the cap', [{ indicatorId: 'households', points: 28.58 }, ...GOOD_SCORES.slice(1)], 'evaluation.points-out-of-range'],
    ['negative points', [{ indicatorId: 'households', points: -1 }, ...GOOD_SCORES.slice(1)], 'evaluation.points-out-of-range'],
    ['a missing indicator', GOOD_SCORES.slice(1), 'evaluation.indicator-missing'],
    ['an undeclared indicator', [...GOOD_SCORES, { indicatorId: 'roads', points: 1 }], 'evaluation.unknown-indicator'],
    ['an indicator scored twice', [...GOOD_SCORES, GOOD_SCORES[0]!], 'evaluation.duplicate-indicator'],
  ])('refuses %s', (_label, scores, ruleId) => {
    given(...spent95).when(score({ scores }), season).thenRefuses('invariant', ruleId);
  });

  it('accepts full points at the fractional cap', () => {
    const full = [{ indicatorId: 'households', points: 200 / 7 }, ...GOOD_SCORES.slice(1)];
    expect(given(...spent95).when(score({ scores: full }), season).decision.ok).toBe(true);
  });

  it('lets a third party score only when assigned', () => {
    const thirdParty = score({ kind: 'third-party', evaluatorId: 'cpa-firm' });
    given(...spent95).when(thirdParty, season).thenRefuses('invariant', 'evaluation.evaluator-not-assigned');
    expect(given(...spent95, e.evaluatorAssigned('cpa-firm')).when(thirdParty, season).decision.ok).toBe(true);
  });

  it('refuses a repeated evaluation id, unknown kinds and methods', () => {
    given(...historyAt.evaluated).when(score(), season).thenRefuses('invariant', 'evaluation.duplicate-id');
    given(...spent95).when(score({ kind: 'peer' as never }), season).thenRefuses('invariant', 'evaluation.kind-invalid');
    given(...spent95).when(score({ method: 'vibes' as never }), season).thenRefuses('invariant', 'evaluation.method-invalid');
    given(...spent95).when(score({ evaluationId: '' }), season).thenRefuses('invariant', 'evaluation.ids-required');
  });

  it('accepts a further evaluation once evaluated (e.g. a finance re-evaluation)', () => {
    const history = [...historyAt.evaluated, e.spent('x', 95_000_000, 95_000_000)];
    expect(given(...history).when(score({ evaluationId: 'eval-2' }), season).decision.ok).toBe(true);
  });

  it('refuses scoring before execution', () => {
    given(...historyAt.admitted).when(score(), season).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});
