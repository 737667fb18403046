import type { Rulebook } from '../rulebook/rulebook.js';
import { parsePeriod, timeProgressAtEndOf } from '../shared/period.js';
import type { Comparator } from '../project/goals/indicator.js';

/** Warning level of a deviation 偏差预警: none, yellow 黄色, red 红色. */
export type DeviationLevel = 'none' | 'yellow' | 'red';

/**
 * The department's stated likelihood of still meeting the goal 完成可能性:
 * certain 确定能, possible 有可能, impossible 完全不可能.
 */
export type Likelihood = 'certain' | 'possible' | 'impossible';

export interface DeviationCheck {
  level: DeviationLevel;
  /** What the reading should have been by now (序时进度 × target, or the ceiling); null when qualitative. */
  expected: number | null;
  /** How far off, as a share of the target (0.15 = fifteen points behind); 0 when on track. */
  gap: number;
  /** Time-proportional progress 序时进度 at the end of the period. */
  progress: number;
}

export interface DeviationCheckInput {
  comparator: Comparator;
  /** The effective target: the adjusted one if any. */
  target: number | null;
  reading: { value: number | null; likelihood: Likelihood | null };
  period: string;
  fiscalYear: number;
  rulebook: Pick<Rulebook, 'deviationThresholds' | 'monitoringCadence'>;
}

/** Trims float noise (9 decimals) so 0.1 never reads as 0.10000000000000003 at a threshold, nor 500 as 500.00000000000006. */
export const tidyGap = (gap: number): number => Math.round(gap * 1e9) / 1e9;

/** "By more than the threshold": a gap exactly at the threshold does not yet warn. */
export const levelForGap = (gap: number, thresholds: Rulebook['deviationThresholds']): DeviationLevel =>
  gap > thresholds.red ? 'red' : gap > thresholds.yellow ? 'yellow' : 'none';

const worst = (a: DeviationLevel, b: DeviationLevel): DeviationLevel => {
  const rank = { none: 0, yellow: 1, red: 2 } as const;
  return rank[a] >= rank[b] ? a : b;
};

/**
 * Is a reading off track? Compared with time-proportional progress 序时进度:
 * - higher-is-better (≥, >): by the end of month m the reading should reach target × m/12;
 *   the gap is the shortfall as a share of the target.
 * - lower-is-better (≤, <): the target is a ceiling that holds all year; the gap is the
 *   overshoot as a share of the target.
 * - equality (=): behind the time-proportional expectation, or beyond the target, both count.
 * - qualitative: only the stated likelihood speaks: possible is yellow, impossible red.
 * A stated likelihood of "impossible" is red whatever the numbers say. A target of 0
 * measures the gap in the target's own units, and so does one closer to 0 than 10^-9: as a
 * denominator it would blow the gap up to Infinity (issue 12), and no indicator is set that finely.
 */
export const checkDeviation = (input: DeviationCheckInput): DeviationCheck => {
  const { comparator, target, reading, fiscalYear, rulebook } = input;
  const period = parsePeriod(input.period, rulebook.monitoringCadence);
  const progress = period ? timeProgressAtEndOf(period, fiscalYear) : 0;
  const stated: DeviationLevel =
    reading.likelihood === 'impossible' ? 'red' : reading.likelihood === 'possible' && comparator === 'qualitative' ? 'yellow' : 'none';

  if (comparator === 'qualitative' || target === null || reading.value === null) {
    return { level: stated, expected: null, gap: 0, progress };
  }

  const actual = reading.value;
  const scale = Math.abs(target) < 1e-9 ? 1 : Math.abs(target);
  let expected: number;
  let gap: number;
  switch (comparator) {
    case '>=':
    case '>':
      expected = target * progress;
      gap = Math.max(0, (expected - actual) / scale);
      break;
    case '<=':
    case '<':
      expected = target;
      gap = Math.max(0, (actual - target) / scale);
      break;
    case '=':
      expected = target * progress;
      gap = Math.max(0, (expected - actual) / scale, (actual - target) / scale);
      break;
  }
  gap = tidyGap(gap);
  return { level: worst(levelForGap(gap, rulebook.deviationThresholds), stated), expected: tidyGap(expected), gap, progress };
};
