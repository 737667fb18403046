import { checkDeviation, tidyGap, type Likelihood } from '../deviation/check-deviation.js';
import type { Comparator, IndicatorKind } from '../project/goals/indicator.js';
import { lightRulesOf, type LightRules } from '../rulebook/lights.js';
import type { Rulebook } from '../rulebook/rulebook.js';
import { isAssessable, laterDate, periodEndDate, progressOn } from './business-date.js';
import type { Completion, Judgement, Light } from './light.js';

export interface IndicatorReadingInput {
  kind: IndicatorKind;
  comparator: Comparator;
  /** The effective target: the adjusted one if any; null when qualitative. */
  target: number | null;
  reading: { period: string; value: number | null; likelihood: Likelihood | null; completion: Completion | null };
  fiscalYear: number;
  rulebook: Pick<Rulebook, 'lights' | 'deviationThresholds' | 'monitoringCadence'>;
  /**
   * An assessment date the reading is judged on (AssessLights); the reading still counts as
   * of the end of its period, but a May reading judged at the end-of-June assessment is lit.
   */
  assessedOn?: string;
}

/** Whether a value meets a target under the indicator's comparator; a qualitative one never does numerically. */
export const meetsComparator = (comparator: Comparator, value: number, target: number): boolean => {
  switch (comparator) {
    case '>=': return value >= target;
    case '>': return value > target;
    case '=': return value === target;
    case '<=': return value <= target;
    case '<': return value < target;
    case 'qualitative': return false;
  }
};

const byBands = (ratio: number, bands: LightRules['bands']): Light =>
  ratio < bands.red ? 'red' : ratio < bands.yellow ? 'yellow' : ratio < bands.blue ? 'green' : 'blue';

const COMPLETION_LIGHT: Record<Completion, Light> = { achieved: 'green', 'partly-achieved': 'yellow', 'not-achieved': 'red' };

/**
 * The light of one reading, as of the end of its period (DESIGN §6.3), or null when it is
 * not yet assessed: judged before the rulebook's first assessment date, or a qualitative reading
 * without an observed completion. Under the ratio form (research/domain-rules.md):
 * - lower-is-better (≤, <): any overshoot of the ceiling is red, else green (R21);
 * - qualitative: 达到 green, 部分达到 yellow, 未达到 red (R22); the likelihood is kept beside it;
 * - quality, timeliness, cost (not prorated, R19): green when the comparator holds, red when not
 *   (or the ratio bands on the unprorated target, as a rulebook option);
 * - quantity, benefit, satisfaction: actual ÷ (target × 序时进度) by the ratio bands —
 *   red < 60%, yellow < 80%, green < 120%, blue from 120% by default (R20).
 * Under the gap form the rule is national-2020 v1's checkDeviation (none → green).
 */
export const judgeIndicatorReading = (input: IndicatorReadingInput): Judgement | null => {
  const rules = lightRulesOf(input.rulebook);
  const asOf = periodEndDate(input.reading.period, input.rulebook.monitoringCadence);
  if (asOf === null || !isAssessable(laterDate(input.assessedOn ?? null, asOf), input.fiscalYear, rules)) return null;
  const { comparator, target, reading } = input;
  const progress = progressOn(asOf, input.fiscalYear);
  const actual = reading.value;

  if (rules.form === 'gap') {
    const check = checkDeviation({ comparator, target, reading, period: reading.period, fiscalYear: input.fiscalYear, rulebook: input.rulebook });
    return { light: check.level === 'none' ? 'green' : check.level, expected: check.expected, actual, ratio: null, gap: check.gap, progress: check.progress, asOf };
  }

  if (comparator === 'qualitative' || target === null || actual === null) {
    if (comparator !== 'qualitative' || reading.completion === null) return null;
    return { light: COMPLETION_LIGHT[reading.completion], expected: null, actual: null, ratio: null, gap: 0, progress, asOf };
  }

  const scale = target === 0 ? 1 : Math.abs(target);
  if (comparator === '<=' || comparator === '<') {
    const light: Light = meetsComparator(comparator, actual, target) ? 'green' : 'red';
    return { light, expected: target, actual, ratio: null, gap: tidyGap(Math.max(0, (actual - target) / scale)), progress, asOf };
  }

  const prorated = rules.proratedKinds.includes(input.kind);
  if (!prorated && rules.unproratedForm === 'comparator') {
    const light: Light = meetsComparator(comparator, actual, target) ? 'green' : 'red';
    return { light, expected: target, actual, ratio: null, gap: tidyGap(Math.max(0, Math.abs(target - actual) / scale)), progress, asOf };
  }

  const expected = tidyGap(prorated ? target * progress : target);
  const gap = tidyGap(Math.max(0, (expected - actual) / scale));
  if (expected <= 0) {
    // A zero (or negative) target has no ratio; the comparator decides.
    return { light: meetsComparator(comparator, actual, expected) ? 'green' : 'red', expected, actual, ratio: null, gap, progress, asOf };
  }
  const ratio = tidyGap(actual / expected);
  return { light: byBands(ratio, rules.bands), expected, actual, ratio, gap, progress, asOf };
};
