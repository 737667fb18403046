import { given } from '../../testing/decider-spec.js';
import { ctx, e, households, INDICATORS, illnessDrop, satisfaction, unitCost, waterQuality } from '../../testing/fixtures.js';
import type { SetPerformanceGoals } from './commands.js';
import type { IndicatorDefinition } from './indicator.js';

const setGoals = (indicators: IndicatorDefinition[] = INDICATORS): SetPerformanceGoals => ({
  type: 'SetPerformanceGoals',
  overallGoal: 'Safe drinking water for 1,200 rural households',
  indicators,
});
const withChange = (id: string, change: Partial<IndicatorDefinition>): IndicatorDefinition[] =>
  INDICATORS.map((i) => (i.indicatorId === id ? ({ ...i, ...change } as IndicatorDefinition) : i));

describe('SetPerformanceGoals (绩效目标设定)', () => {
  it('records the goal framework as revision 1', () => {
    given(e.proposed)
      .when(setGoals(), { ...ctx, now: '2024-09-15T00:00:00Z' })
      .then(e.goalsSet(1));
  });

  it('keeps each target as the start-of-year target, with no adjustment yet', () => {
    const state = given(e.proposed).when(setGoals()).stateAfter();
    expect(state.stage).toBe('goals-submitted');
    expect(state.indicators.find((i) => i.indicatorId === 'households')).toMatchObject({ startOfYearTarget: 1200, adjustedTarget: null });
  });

  it('accepts a revision after a fair review, counting it', () => {
    const outcome = given(e.proposed, e.goalsSet(1), e.reviewed('fair')).when(setGoals(), { ...ctx, now: '2024-09-15T00:00:00Z' });
    outcome.then(e.goalsSet(2));
    expect(outcome.stateAfter().stage).toBe('goals-submitted');
  });

  it('accepts weights with two decimals that sum to 100', () => {
    const thirds = [
      { ...households, weight: 33.33 },
      { ...illnessDrop, weight: 33.33 },
      { ...satisfaction, weight: 33.34 },
    ];
    expect(given(e.proposed).when(setGoals(thirds)).decision.ok).toBe(true);
  });

  it.each<[string, IndicatorDefinition[], string]>([
    ['no indicators', [], 'goals.indicators-required'],
    ['weights summing to 90', withChange('households', { weight: 30 }), 'goals.weights-sum-100'],
    ['weights summing to 110', withChange('households', { weight: 50 }), 'goals.weights-sum-100'],
    ['an indicator declared twice', [...INDICATORS.slice(0, 4), { ...households, weight: 10 }], 'goals.duplicate-indicator'],
    ['a level-2 kind from another level', withChange('households', { kind: 'social' }), 'goals.level-kind-invalid'],
    ['an unknown level', withChange('households', { level: 'impact' as never }), 'goals.level-kind-invalid'],
    ['an unknown comparator', withChange('households', { comparator: '!=' as never }), 'goals.comparator-invalid'],
    ['no direction', withChange('households', { direction: undefined as never }), 'goals.direction-required'],
    ['a quantitative target without unit', withChange('households', { unit: null }), 'goals.target-unit-required'],
    ['a quantitative indicator without target', withChange('households', { target: null }), 'goals.target-unit-required'],
    ['a negative target', withChange('unit-cost', { target: -1 }), 'goals.target-unit-required'],
    ['a higher-is-better target of zero', withChange('households', { target: 0 }), 'goals.target-positive'],
    ['≥ with lower-is-better', withChange('households', { direction: 'lower-is-better' }), 'goals.direction-matches-comparator'],
    ['≤ with higher-is-better', withChange('unit-cost', { direction: 'higher-is-better' }), 'goals.direction-matches-comparator'],
    ['a qualitative indicator without criteria', withChange('water-quality', { criteria: '' }), 'goals.criteria-required'],
    ['a zero weight', [...withChange('households', { weight: 0 }), { ...unitCost, indicatorId: 'x', weight: 40 }], 'goals.weight-positive'],
    ['a deadline in the next year', withChange('households', { deadline: '2026-01-01' }), 'goals.deadline-in-fiscal-year'],
    ['a deadline in the year before', withChange('households', { deadline: '2024-12-31' }), 'goals.deadline-in-fiscal-year'],
    ['an impossible date', withChange('households', { deadline: '2025-02-30' }), 'goals.deadline-in-fiscal-year'],
    ['a nameless indicator', withChange('households', { name: '' }), 'goals.indicator-id-name-required'],
  ])('refuses %s', (_label, indicators, ruleId) => {
    given(e.proposed).when(setGoals(indicators)).thenRefuses('invariant', ruleId);
  });

  it('accepts an equality indicator in either direction and a qualitative one with criteria', () => {
    const eq = withChange('households', { comparator: '=', direction: 'lower-is-better' });
    expect(given(e.proposed).when(setGoals(eq)).decision.ok).toBe(true);
    expect(waterQuality.comparator).toBe('qualitative');
  });

  it('refuses goals without an overall goal', () => {
    given(e.proposed)
      .when({ ...setGoals(), overallGoal: '' })
      .thenRefuses('invariant', 'goals.overall-goal-required');
  });

  it('refuses new goals while the submitted ones await review', () => {
    given(e.proposed, e.goalsSet()).when(setGoals()).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});

describe('ReviewGoals (目标审核)', () => {
  const submitted = [e.proposed, e.goalsSet()];

  it.each([
    ['excellent', 'goals-approved'],
    ['good', 'goals-approved'],
    ['fair', 'goals-revision'],
    ['poor', 'goals-barred'],
  ] as const)('a %s grade moves the project to %s', (grade, stage) => {
    const outcome = given(...submitted).when({ type: 'ReviewGoals', grade, comments: 'Targets are vague' });
    expect(outcome.stateAfter().stage).toBe(stage);
  });

  it('records the grade and its outcome', () => {
    given(...submitted)
      .when({ type: 'ReviewGoals', grade: 'fair', comments: 'Targets are vague' })
      .then(e.reviewed('fair'));
  });

  it('refuses a fair or poor grade without comments', () => {
    given(...submitted).when({ type: 'ReviewGoals', grade: 'poor' }).thenRefuses('invariant', 'review.comments-required');
  });

  it('refuses an unknown grade', () => {
    given(...submitted)
      .when({ type: 'ReviewGoals', grade: 'A+' as never })
      .thenRefuses('invariant', 'review.grade-invalid');
  });

  it('refuses a review before goals are set', () => {
    given(e.proposed).when({ type: 'ReviewGoals', grade: 'good' }).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});
