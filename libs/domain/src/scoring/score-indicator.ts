import type { Grade } from './grade.js';

/**
 * Which way an indicator is good: higher-is-better 正向 (more households reached) or
 * lower-is-better 反向 (lower unit cost).
 */
export type Direction = 'higher-is-better' | 'lower-is-better';

/**
 * For a qualitative indicator 定性指标 the evaluator places the result in a band; each
 * band earns a fixed share of the indicator's points (a common 优/良/中/差 practice).
 */
export const QUALITATIVE_BAND_SHARE: Readonly<Record<Grade, number>> = {
  excellent: 1,
  good: 0.8,
  fair: 0.6,
  poor: 0,
};

export type IndicatorScoreInput =
  | { kind: 'quantitative'; direction: Direction; target: number; actual: number; points: number }
  | { kind: 'qualitative'; band: Grade; points: number };

/**
 * The points an indicator earns.
 * Quantitative: higher-is-better actual ÷ target × points, lower-is-better
 * target ÷ actual × points, both capped at the indicator's points and floored at 0.
 * A lower-is-better actual of 0 (nothing spent, no complaints) earns full points.
 */
export const scoreIndicator = (input: IndicatorScoreInput): number => {
  const { points } = input;
  if (input.kind === 'qualitative') return points * QUALITATIVE_BAND_SHARE[input.band];
  const { target, actual, direction } = input;
  let ratio: number;
  if (direction === 'higher-is-better') {
    ratio = target <= 0 ? (actual >= target ? 1 : 0) : actual / target;
  } else {
    ratio = actual <= 0 ? 1 : target / actual;
  }
  // Clamped before multiplying: a tiny target makes the ratio Infinity, and Infinity × 0 points is NaN.
  return Math.min(1, Math.max(0, ratio)) * points;
};
