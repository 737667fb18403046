import { nationalRulebook2020 } from './national-2020.js';
import { rulebookDecider, rulebookStream, type RulebookEvent, type RulebookState } from './rulebook-decider.js';
import type { Rulebook } from './rulebook.js';

const now = '2025-01-01T00:00:00Z';
const publish = (rulebook: Rulebook) => ({ type: 'PublishRulebook' as const, rulebook });
const stateAfter = (...events: RulebookEvent[]): RulebookState => events.reduce(rulebookDecider.evolve, rulebookDecider.initialState);
const published = (rulebook: Rulebook): RulebookEvent => ({ type: 'RulebookPublished', schemaVersion: 1, data: { rulebook, publishedAt: now } });
const v2: Rulebook = { ...nationalRulebook2020, version: 2, deviationThresholds: { yellow: 0.15, red: 0.3 } };

describe('the national-2020 rulebook', () => {
  it('carries the national values of DESIGN §2', () => {
    expect(nationalRulebook2020).toMatchObject({
      id: 'national-2020',
      version: 1,
      selfEvaluationWeights: { output: 50, benefit: 30, satisfaction: 10, executionRate: 10 },
      executionRateWarning: 0.9,
      monitoringCadence: 'monthly',
    });
    expect(nationalRulebook2020.gradeBands).toEqual([
      { grade: 'excellent', min: 90 },
      { grade: 'good', min: 80 },
      { grade: 'fair', min: 60 },
      { grade: 'poor', min: 0 },
    ]);
    expect(nationalRulebook2020.resultPolicy.excellent!.decisions).toEqual(['prioritise']);
    expect(nationalRulebook2020.resultPolicy.good!.decisions).toEqual(['maintain']);
    expect(nationalRulebook2020.resultPolicy.fair!.cutProportion).toBeGreaterThan(0);
    expect(nationalRulebook2020.resultPolicy.poor!.decisions).toEqual(expect.arrayContaining(['suspend', 'cancel']));
  });

  it('lives on its own stream', () => {
    expect(rulebookStream('national-2020')).toBe('rulebook-national-2020');
  });
});

describe('PublishRulebook', () => {
  it('publishes the first version of a rulebook', () => {
    expect(rulebookDecider.decide(publish(nationalRulebook2020), rulebookDecider.initialState, { now })).toEqual({
      ok: true,
      events: [published(nationalRulebook2020)],
    });
  });

  it('publishes a later version, keeping every earlier one', () => {
    const state = stateAfter(published(nationalRulebook2020));
    const decision = rulebookDecider.decide(publish(v2), state, { now });
    expect(decision).toEqual({ ok: true, events: [published(v2)] });
    const after = stateAfter(published(nationalRulebook2020), published(v2));
    expect(after.current?.version).toBe(2);
    expect(after.versions.map((r) => r.version)).toEqual([1, 2]);
  });

  it.each([1, 0])('refuses version %p after version 1: versions increase monotonically', (version) => {
    const decision = rulebookDecider.decide(publish({ ...nationalRulebook2020, version }), stateAfter(published(nationalRulebook2020)), { now });
    expect(decision).toMatchObject({ ok: false, error: { kind: 'invariant' } });
    if (!decision.ok) expect(['rulebook.version-not-increasing', 'rulebook.version-invalid']).toContain(decision.error.ruleId);
  });

  it('refuses a different rulebook id on the stream', () => {
    const decision = rulebookDecider.decide(publish({ ...v2, id: 'chongqing-2024' }), stateAfter(published(nationalRulebook2020)), { now });
    expect(decision).toMatchObject({ ok: false, error: { ruleId: 'rulebook.id-mismatch' } });
  });

  const fiveBands: Rulebook['gradeBands'] = [
    { grade: 'excellent', min: 90 },
    { grade: 'good', min: 80 },
    { grade: 'fair', min: 70 },
    { grade: 'low', min: 60 },
    { grade: 'poor', min: 0 },
  ];
  const fivePolicies: Rulebook['resultPolicy'] = {
    ...nationalRulebook2020.resultPolicy,
    low: { decisions: ['maintain'], cutProportion: 0.2, incentiveEligible: false, accountability: false },
  };
  const bands = (excellent: number, good: number, fair: number, poor: number) => [
    { grade: 'excellent' as const, min: excellent },
    { grade: 'good' as const, min: good },
    { grade: 'fair' as const, min: fair },
    { grade: 'poor' as const, min: poor },
  ];
  it.each<[string, Partial<Rulebook>, string]>([
    ['bands out of order', { gradeBands: bands(80, 90, 60, 0) }, 'rulebook.bands-invalid'],
    ['two equal bands', { gradeBands: bands(90, 90, 60, 0) }, 'rulebook.bands-invalid'],
    ['a floor above zero', { gradeBands: bands(90, 80, 60, 10) }, 'rulebook.bands-invalid'],
    ['a band above 100', { gradeBands: bands(101, 80, 60, 0) }, 'rulebook.bands-invalid'],
    ['a missing grade', { gradeBands: bands(90, 80, 60, 0).slice(0, 3) }, 'rulebook.bands-invalid'],
    ['weights summing to 90', { selfEvaluationWeights: { output: 40, benefit: 30, satisfaction: 10, executionRate: 10 } }, 'rulebook.weights-sum-100'],
    ['yellow above red', { deviationThresholds: { yellow: 0.3, red: 0.2 } }, 'rulebook.thresholds-invalid'],
    ['a zero yellow', { deviationThresholds: { yellow: 0, red: 0.2 } }, 'rulebook.thresholds-invalid'],
    ['an execution warning above 1', { executionRateWarning: 1.1 }, 'rulebook.execution-warning-invalid'],
    ['a cut above 100%', { overdueRectificationCutProportion: 1.5 }, 'rulebook.result-policy-invalid'],
    ['zero deadline days', { rectificationDeadlineDays: 0 }, 'rulebook.schedule-invalid'],
    ['a weekly cadence', { monitoringCadence: 'weekly' as never }, 'rulebook.schedule-invalid'],
    ['no id', { id: '' }, 'rulebook.id-required'],
    ['a grade twice', { gradeBands: [{ grade: 'excellent', min: 90 }, { grade: 'good', min: 80 }, { grade: 'good', min: 60 }, { grade: 'poor', min: 0 }] }, 'rulebook.bands-invalid'],
    ['低 above 中', { gradeBands: [{ grade: 'excellent', min: 90 }, { grade: 'low', min: 70 }, { grade: 'fair', min: 60 }, { grade: 'poor', min: 0 }], resultPolicy: fivePolicies }, 'rulebook.bands-invalid'],
    ['a single band', { gradeBands: [{ grade: 'poor', min: 0 }] }, 'rulebook.bands-invalid'],
    ['an unknown grade', { gradeBands: [{ grade: 'superb' as never, min: 95 }, ...nationalRulebook2020.gradeBands] }, 'rulebook.bands-invalid'],
    ['a banded grade without a result policy', { gradeBands: fiveBands }, 'rulebook.result-policy-invalid'],
    ['an over-achievement line of 100%', { selfEvaluation: { overAchievementLine: 1 } }, 'rulebook.self-evaluation-invalid'],
    ['an unknown lower-is-better formula', { selfEvaluation: { lowerIsBetterFormula: 'lower.vibes' as never } }, 'rulebook.self-evaluation-invalid'],
    ['an unknown deduction', { selfEvaluation: { overAchievementDeduction: 'harsh' as never } }, 'rulebook.self-evaluation-invalid'],
  ])('refuses %s', (_label, change, ruleId) => {
    const decision = rulebookDecider.decide(publish({ ...v2, ...change }), stateAfter(published(nationalRulebook2020)), { now });
    expect(decision).toMatchObject({ ok: false, error: { kind: 'invariant', ruleId } });
  });

  it.each<[string, Partial<Rulebook>]>([
    ['five grades 优/良/中/低/差 (Guangdong), each with a policy', { gradeBands: fiveBands, resultPolicy: fivePolicies }],
    ['three grades', { gradeBands: [{ grade: 'excellent', min: 85 }, { grade: 'fair', min: 60 }, { grade: 'poor', min: 0 }] }],
    ['self-evaluation options', { selfEvaluation: { lowerIsBetterFormula: 'lower.linear-to-twice-target', overAchievementLine: 1.3, overAchievementDeduction: 'proportional' } }],
  ])('publishes %s', (_label, change) => {
    const decision = rulebookDecider.decide(publish({ ...v2, ...change }), stateAfter(published(nationalRulebook2020)), { now });
    expect(decision.ok).toBe(true);
  });
});
