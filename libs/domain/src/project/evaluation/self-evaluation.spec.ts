/**
 * The self-evaluation sheet 绩效自评表 as given events / when ScoreEvaluation (kind self) /
 * then EvaluationScored with its sheet. Expected points are worked by hand in comments:
 * the fixture's 分值 are households 200/7, unit-cost 100/7, water-quality 50/7 (output 50
 * by weights 40/20/10), illness-drop 30 (benefit), satisfaction 10, execution rate 10.
 */
import { nationalRulebook2020 } from '../../rulebook/national-2020.js';
import type { Rulebook } from '../../rulebook/rulebook.js';
import { computeSelfEvaluationSheet } from '../../scoring/self-evaluation/sheet.js';
import { given } from '../../testing/decider-spec.js';
import { at, e, EVALUATION_SEASON, historyAt } from '../../testing/fixtures.js';
import { makeEvent } from '../make-event.js';
import { replay } from '../decider.js';
import type { ScoreEvaluation } from './commands.js';
import type { SheetRowInput } from '../../scoring/self-evaluation/sheet.js';

const season = at(EVALUATION_SEASON);
/** Executing, 95% spent, and the latest readings below (an earlier June reading is superseded). */
const monitored = [
  ...historyAt.executing,
  e.spent('x', 95_000_000, 95_000_000),
  e.reading('h-06', 'households', '2025-06', 500),
  e.reading('h-11', 'households', '2025-11', 1000), // 1000/1200 × 200/7 = 23.8095… → 23.81, short
  e.reading('u-11', 'unit-cost', '2025-11', 1000), //   800/1000 × 100/7 = 11.4285… → 11.43, short (lower-is-better)
  e.reading('i-10', 'illness-drop', '2025-10', 25), //  ≥ target: 30.00; 125% ≥ 120%: over-achieved
  e.reading('s-11', 'satisfaction', '2025-11', 85), //  85/90 × 10 = 9.4444… → 9.44, short
];
const reasons: SheetRowInput[] = [
  { indicatorId: 'households', shortfallReason: 'Two villages relocated; pipes laid in spring' },
  { indicatorId: 'unit-cost', shortfallReason: 'Steel prices rose; bulk tender next year' },
  { indicatorId: 'water-quality', tier: 'partly-achieved', points: 5, shortfallReason: 'One quarterly test failed; filters replaced' }, // 5 of 50/7: 70%, 部分达成
  { indicatorId: 'satisfaction', shortfallReason: 'Complaints about pressure; pumps added' },
];
const self = (scores: SheetRowInput[], change: Partial<ScoreEvaluation> = {}): ScoreEvaluation => ({
  type: 'ScoreEvaluation',
  evaluationId: 'self-1',
  kind: 'self',
  evaluatorId: 'water-bureau',
  method: 'factor-analysis',
  scores,
  ...change,
});
const withInput = (indicatorId: string, change: Partial<SheetRowInput>) =>
  reasons.some((r) => r.indicatorId === indicatorId)
    ? reasons.map((r) => (r.indicatorId === indicatorId ? { ...r, ...change } : r))
    : [...reasons, { indicatorId, ...change }];
const sheetOf = (outcome: ReturnType<ReturnType<typeof given>['when']>) => {
  if (!outcome.decision.ok) throw new Error(`refused: ${outcome.decision.error.ruleId}`);
  return (outcome.decision.events[0] as unknown as { data: { sheet: ReturnType<typeof computeSelfEvaluationSheet> } }).data.sheet;
};

describe('the self-evaluation sheet (绩效自评表), computed from monitoring data', () => {
  it('computes every row from the target in force and the latest reading, rounds each row once, and sums the rounded rows', () => {
    const outcome = given(...monitored).when(self(reasons), season);
    expect(outcome.decision).toMatchObject({
      ok: true,
      events: [
        {
          type: 'EvaluationScored',
          schemaVersion: 2,
          data: {
            kind: 'self',
            // output 23.81 + 11.43 + 5.00 = 40.24; benefit 30.00; satisfaction 9.44; execution 9.50 → 89.18, 良
            indicatorScores: [
              { indicatorId: 'households', points: 23.81 },
              { indicatorId: 'unit-cost', points: 11.43 },
              { indicatorId: 'water-quality', points: 5 },
              { indicatorId: 'illness-drop', points: 30 },
              { indicatorId: 'satisfaction', points: 9.44 },
            ],
            executionRatePoints: 9.5,
            totalScore: 89.18,
            grade: 'good',
            drivesResults: false,
            rulebook: { id: 'national-2020', version: 1 },
            sheet: {
              outputPoints: 40.24,
              benefitPoints: 30,
              satisfactionPoints: 9.44,
              executionRatePoints: 9.5,
              budget: { budgetFen: 100_000_000, spentFen: 95_000_000, executionRatePercent: '95.00', maxPoints: 10, points: 9.5 },
              totalScore: 89.18,
              grade: 'good',
              rules: { lowerIsBetterFormula: 'lower.target-over-actual', overAchievementLine: 1.2, overAchievementDeduction: 'none' },
            },
          },
        },
      ],
    });
    const rows = sheetOf(outcome).rows;
    expect(rows[0]).toEqual({
      indicatorId: 'households',
      name: 'Households given safe drinking water',
      level: 'output',
      unit: '户',
      formulaId: 'higher.actual-over-target',
      target: 1200,
      startOfYearTarget: 1200,
      targetAdjusted: false,
      actual: 1000,
      actualSource: 'reading',
      readingId: 'h-11',
      maxPoints: 28.57,
      maxPointsExact: '200/7',
      tier: null,
      computedPoints: 23.81,
      points: 23.81,
      overridden: false,
      overrideReason: null,
      overAchieved: false,
      shortfall: true,
      shortfallReason: 'Two villages relocated; pipes laid in spring',
    });
    expect(rows.map((r) => [r.indicatorId, r.formulaId, r.shortfall, r.overAchieved, r.tier])).toEqual([
      ['households', 'higher.actual-over-target', true, false, null],
      ['unit-cost', 'lower.target-over-actual', true, false, null],
      ['water-quality', 'qualitative.three-tiers', true, false, 'partly-achieved'],
      ['illness-drop', 'higher.actual-over-target', false, true, null],
      ['satisfaction', 'higher.actual-over-target', true, false, null],
    ]);
  });

  it('the draft lists what a submission still lacks, and a submission is refused for the first of them', () => {
    const draft = computeSelfEvaluationSheet(replay(monitored), nationalRulebook2020);
    expect(draft.issues).toEqual([
      { ruleId: 'evaluation.shortfall-reason-required', indicatorId: 'households' },
      { ruleId: 'evaluation.shortfall-reason-required', indicatorId: 'unit-cost' },
      { ruleId: 'evaluation.qualitative-points-required', indicatorId: 'water-quality' },
      { ruleId: 'evaluation.shortfall-reason-required', indicatorId: 'satisfaction' },
    ]);
    // Without a qualitative pick the row scores nothing yet: 23.81 + 11.43 + 0 = 35.24.
    expect(draft.outputPoints).toBe(35.24);
    given(...monitored).when(self([]), season).thenRefuses('invariant', 'evaluation.shortfall-reason-required');
  });

  it.each([
    ['an indicator without a reading or a year-end actual', [...historyAt.executing, e.spent('x', 95_000_000, 95_000_000)], reasons, 'evaluation.actual-required'],
    ['a qualitative row without points', monitored, withInput('water-quality', { points: undefined as never, tier: undefined as never }).map(({ points: _p, tier: _t, ...r }) => r), 'evaluation.qualitative-points-required'],
    ['points outside the chosen tier (5 of 50/7 is 70%, not 达成)', monitored, withInput('water-quality', { tier: 'achieved' }), 'evaluation.points-outside-tier'],
    ['qualitative points above the 分值', monitored, withInput('water-quality', { tier: undefined as never, points: 7.15 }).map(({ tier: _t, ...r }) => r), 'evaluation.points-out-of-range'],
    ['an override without a reason', monitored, withInput('households', { points: 25 }), 'evaluation.override-reason-required'],
    ['an override above the 分值', monitored, withInput('households', { points: 28.58, overrideReason: 'Judgement' }), 'evaluation.points-out-of-range'],
    ['a shortfall without a reason', monitored, reasons.filter((r) => r.indicatorId !== 'satisfaction'), 'evaluation.shortfall-reason-required'],
    ['points with three decimals', monitored, withInput('households', { points: 23.815, overrideReason: 'x' }), 'evaluation.points-precision'],
    ['an actual on a qualitative indicator', monitored, withInput('water-quality', { actual: 1 }), 'evaluation.input-not-applicable'],
    ['a tier on a quantitative indicator', monitored, withInput('households', { tier: 'achieved' }), 'evaluation.input-not-applicable'],
    ['an unknown tier', monitored, withInput('water-quality', { tier: 'mostly' as never }), 'evaluation.tier-invalid'],
    ['a non-finite actual', monitored, withInput('households', { actual: Number.POSITIVE_INFINITY }), 'evaluation.number-invalid'],
    ['an undeclared indicator', monitored, withInput('roads', { actual: 1 }), 'evaluation.unknown-indicator'],
    ['an indicator given twice', monitored, [...reasons, reasons[0]!], 'evaluation.duplicate-indicator'],
  ])('refuses %s, writing nothing', (_label, history, scores, ruleId) => {
    given(...history).when(self(scores as SheetRowInput[]), season).thenRefuses('invariant', ruleId);
  });

  it('keeps an override beside the computed value, with its reason, and totals the declared points', () => {
    const scores = withInput('households', { points: 25, overrideReason: 'Two more villages connected after the November reading' });
    const sheet = sheetOf(given(...monitored).when(self(scores), season));
    expect(sheet.rows[0]).toMatchObject({ computedPoints: 23.81, points: 25, overridden: true, overrideReason: 'Two more villages connected after the November reading' });
    expect(sheet.outputPoints).toBe(41.43); // 25 + 11.43 + 5
    expect(sheet.totalScore).toBe(90.37); // 41.43 + 30 + 9.44 + 9.50: 优
    expect(sheet.grade).toBe('excellent');
  });

  it('declaring the computed value is not an override, and needs no reason', () => {
    const sheet = sheetOf(given(...monitored).when(self(withInput('households', { points: 23.81 })), season));
    expect(sheet.rows[0]).toMatchObject({ computedPoints: 23.81, points: 23.81, overridden: false, overrideReason: null });
  });

  it('refuses a declared total that is not the sum of the rows, and accepts the sum', () => {
    given(...monitored).when(self(reasons, { totalScore: 89.2 }), season).thenRefuses('invariant', 'evaluation.total-not-sum-of-rows');
    expect(given(...monitored).when(self(reasons, { totalScore: 89.18 }), season).decision.ok).toBe(true);
  });

  it('an actual entered at year end replaces the latest reading; no shortfall, no reason needed', () => {
    const scores = reasons.filter((r) => r.indicatorId !== 'households').concat({ indicatorId: 'households', actual: 1200 });
    const sheet = sheetOf(given(...monitored).when(self(scores), season));
    expect(sheet.rows[0]).toMatchObject({ actual: 1200, actualSource: 'year-end', readingId: null, computedPoints: 28.57, shortfall: false });
  });

  it('uses the adjusted target when there is one, and says so', () => {
    const adjusted = makeEvent('TargetAdjusted', {
      indicatorId: 'households',
      startOfYearTarget: 1200,
      previousTarget: 1200,
      adjustedTarget: 1000,
      reason: 'Two villages relocated',
      adjustedAt: '2025-08-01T00:00:00Z',
    });
    const scores = reasons.filter((r) => r.indicatorId !== 'households');
    const sheet = sheetOf(given(...monitored, adjusted).when(self(scores), season));
    expect(sheet.rows[0]).toMatchObject({ target: 1000, startOfYearTarget: 1200, targetAdjusted: true, computedPoints: 28.57, shortfall: false });
  });

  it('follows the rulebook: the linear lower-is-better formula and the proportional over-achievement deduction', () => {
    const strict: Rulebook = {
      ...nationalRulebook2020,
      version: 2,
      selfEvaluation: { lowerIsBetterFormula: 'lower.linear-to-twice-target', overAchievementDeduction: 'proportional' },
    };
    const sheet = sheetOf(given(...monitored).when(self(reasons), { ...season, rulebook: strict }));
    // unit-cost: (1 − 200/800) × 100/7 = 75/7 = 10.714… → 10.71
    expect(sheet.rows[1]).toMatchObject({ formulaId: 'lower.linear-to-twice-target', computedPoints: 10.71 });
    // illness-drop: 30 − (25/20 − 1.2) × 30 = 30 − 1.5 = 28.50
    expect(sheet.rows[3]).toMatchObject({ computedPoints: 28.5, overAchieved: true });
    expect(sheet.rules).toEqual({ lowerIsBetterFormula: 'lower.linear-to-twice-target', overAchievementLine: 1.2, overAchievementDeduction: 'proportional' });
  });

  it('a target of 0 always uses the target-0 formula: full at 0, nothing above', () => {
    const zeroTarget = makeEvent('TargetAdjusted', {
      indicatorId: 'unit-cost',
      startOfYearTarget: 800,
      previousTarget: 800,
      adjustedTarget: 0,
      reason: 'Fully subsidised',
      adjustedAt: '2025-08-01T00:00:00Z',
    });
    const sheet = sheetOf(given(...monitored, zeroTarget).when(self(reasons), season));
    expect(sheet.rows[1]).toMatchObject({ formulaId: 'target-zero.at-most-zero', target: 0, actual: 1000, computedPoints: 0, shortfall: true });
  });

  it('subtotals are the exact sum of rounded rows, never rounded again: 3 × 8.33 = 24.99, not 25.00', () => {
    const third = (indicatorId: string) => ({
      indicatorId,
      name: indicatorId,
      level: 'output' as const,
      kind: 'quantity' as const,
      comparator: '>=' as const,
      target: 2,
      unit: '个',
      criteria: null,
      direction: 'higher-is-better' as const,
      weight: 1,
      deadline: '2025-12-31',
      startOfYearTarget: 2,
      adjustedTarget: null,
    });
    const benefit = { ...third('b'), level: 'benefit' as const, kind: 'social' as const };
    const satisfied = { ...third('s'), level: 'satisfaction' as const, kind: 'service-recipient' as const };
    // Each output row: 1/2 × 50/3 = 25/3 = 8.333… → 8.33.
    const sheet = computeSelfEvaluationSheet(
      {
        indicators: [third('a1'), third('a2'), third('a3'), benefit, satisfied],
        readings: [],
        adjustedBudgetFen: 0,
        spentFen: 0,
      },
      nationalRulebook2020,
      [
        { indicatorId: 'a1', actual: 1 },
        { indicatorId: 'a2', actual: 1 },
        { indicatorId: 'a3', actual: 1 },
        { indicatorId: 'b', actual: 2 },
        { indicatorId: 's', actual: 2 },
      ],
    );
    expect(sheet.rows.map((r) => r.maxPointsExact)).toEqual(['50/3', '50/3', '50/3', '30', '10']);
    expect(sheet.outputPoints).toBe(24.99);
    expect(sheet.totalScore).toBe(64.99); // 24.99 + 30 + 10 + 0 (no budget): 中
    expect(sheet.grade).toBe('fair');
  });
});

describe('a five-grade rulebook 优/良/中/低/差 (Guangdong)', () => {
  const fiveGrades: Rulebook = {
    ...nationalRulebook2020,
    id: 'guangdong-five',
    version: 1,
    gradeBands: [
      { grade: 'excellent', min: 90 },
      { grade: 'good', min: 80 },
      { grade: 'fair', min: 70 },
      { grade: 'low', min: 60 },
      { grade: 'poor', min: 0 },
    ],
    resultPolicy: {
      ...nationalRulebook2020.resultPolicy,
      low: { decisions: ['maintain'], cutProportion: 0.2, incentiveEligible: false, accountability: false },
    },
  };
  const ctx = { ...season, rulebook: fiveGrades };

  it('grades a self-evaluation sheet 低 between 60 and 70', () => {
    // Households actual 600: 0.5 × 200/7 = 14.2857… → 14.29; satisfaction 45: 0.5 × 10 = 5.00.
    const scores = withInput('households', { actual: 600 }).map((r) => (r.indicatorId === 'satisfaction' ? { ...r, actual: 45 } : r));
    const sheet = sheetOf(given(...monitored).when(self(scores), ctx));
    // 14.29 + 11.43 + 5 + 30 + 5 + 9.5 = 75.22 would be 中; with illness-drop at 10 (10/20 × 30 = 15): 60.22, 低
    const lower = scores.concat({ indicatorId: 'illness-drop', actual: 10, shortfallReason: 'Clinics reported late' });
    const sheet2 = sheetOf(given(...monitored).when(self(lower), ctx));
    expect([sheet.totalScore, sheet.grade]).toEqual([75.22, 'fair']);
    expect([sheet2.totalScore, sheet2.grade]).toEqual([60.22, 'low']);
  });

  it('applies results by the 低 policy: maintained, and cut by its proportion', () => {
    // A finance evaluation of 55.5 indicator points + 9.5 = 65: 低.
    const scores = [
      { indicatorId: 'households', points: 20 },
      { indicatorId: 'unit-cost', points: 10 },
      { indicatorId: 'water-quality', points: 5 },
      { indicatorId: 'illness-drop', points: 15 },
      { indicatorId: 'satisfaction', points: 5.5 },
    ];
    const scored = given(...monitored).when({ type: 'ScoreEvaluation', evaluationId: 'eval-1', kind: 'finance', evaluatorId: 'finance-bureau', scores }, ctx);
    expect(scored.decision).toMatchObject({ ok: true, events: [{ data: { totalScore: 65, grade: 'low' } }] });
    const evaluated = [...monitored, ...(scored.decision.ok ? scored.decision.events : [])];
    given(...evaluated).when({ type: 'ApplyResult', evaluationId: 'eval-1', decision: 'prioritise' }, ctx).thenRefuses('invariant', 'result.decision-not-allowed-for-grade');
    const applied = given(...evaluated).when({ type: 'ApplyResult', evaluationId: 'eval-1', decision: 'maintain' }, ctx);
    expect(applied.decision).toMatchObject({ ok: true, events: [{ type: 'ProjectMaintained', data: { grade: 'low', rulebook: { id: 'guangdong-five', version: 1 } } }] });
    const cut = given(...evaluated, ...(applied.decision.ok ? applied.decision.events : [])).when({ type: 'CutBudget', cutId: 'cut-1', cause: { kind: 'evaluation', evaluationId: 'eval-1' } }, ctx);
    // 20% of the 100,000,000 fen budget in force.
    expect(cut.decision).toMatchObject({ ok: true, events: [{ type: 'BudgetCut', data: { grade: 'low', proportion: 0.2, amountFen: 20_000_000 } }] });
  });

  it('a grade the rulebook in force has no policy for permits no decision', () => {
    const scored = given(...monitored).when(
      { type: 'ScoreEvaluation', evaluationId: 'eval-1', kind: 'finance', evaluatorId: 'finance-bureau', scores: [
        { indicatorId: 'households', points: 20 }, { indicatorId: 'unit-cost', points: 10 }, { indicatorId: 'water-quality', points: 5 },
        { indicatorId: 'illness-drop', points: 15 }, { indicatorId: 'satisfaction', points: 5.5 },
      ] },
      ctx,
    );
    const evaluated = [...monitored, ...(scored.decision.ok ? scored.decision.events : [])];
    given(...evaluated).when({ type: 'ApplyResult', evaluationId: 'eval-1', decision: 'maintain' }, season).thenRefuses('invariant', 'result.decision-not-allowed-for-grade');
  });
});
