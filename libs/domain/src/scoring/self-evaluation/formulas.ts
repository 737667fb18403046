import { clamp, compare, div, ge, le, lt, max, mul, ONE, ratio, sub, ZERO, type Rational } from '../../shared/rational.js';

/**
 * The scoring formulas of the self-evaluation sheet 绩效自评表, each with a stable id that
 * a submitted evaluation records beside its inputs, so an auditor can recompute the points.
 * Ids never change meaning; a new rule gets a new id.
 *
 * Sources: 财预〔2020〕10号 (项目支出绩效评价管理办法) on self-evaluation scoring, "完成指标值的，
 * 记该指标所赋全部分值…未完成指标值的，按照完成值与指标值的比例记分"; the deployed MOF fasp2
 * performance module (pmkpi `selfpositiveindex`, `selfreverseindex`, `selfequalindex`,
 * `selfqualscorecheck`), see research/domain-rules.md R8, R11, R12, R13.
 */
export const FORMULA_IDS = [
  /** 正向: actual ÷ target × points, capped at the points. */
  'higher.actual-over-target',
  /** 反向 (Jixiao's first rule): full at actual ≤ target, else target ÷ actual × points. */
  'lower.target-over-actual',
  /** 反向 (pmkpi): full at actual ≤ target, else (1 − (actual − target) ÷ target) × points, 0 from twice the target. */
  'lower.linear-to-twice-target',
  /** Target 0 (pmkpi 等于 with 0): full points if the actual is ≤ 0, else 0. Used for any target of 0. */
  'target-zero.at-most-zero',
  /** 定性: three tiers, the evaluator picks a point inside the tier's range. */
  'qualitative.three-tiers',
] as const;
export type FormulaId = (typeof FORMULA_IDS)[number];
export type QuantitativeFormulaId = Exclude<FormulaId, 'qualitative.three-tiers'>;
export type LowerIsBetterFormulaId = Extract<FormulaId, `lower.${string}`>;
export const LOWER_IS_BETTER_FORMULAS: readonly LowerIsBetterFormulaId[] = ['lower.target-over-actual', 'lower.linear-to-twice-target'];

/**
 * The share of an indicator's points (0 to 1) that a quantitative result earns, before any
 * over-achievement deduction. Exact: the caller multiplies by the points and rounds once.
 * A higher-is-better formula needs target > 0 (goals refuse a 0 target there; a target of 0
 * is always scored by 'target-zero.at-most-zero').
 */
export const quantitativeShare = (formulaId: QuantitativeFormulaId, target: Rational, actual: Rational): Rational => {
  switch (formulaId) {
    case 'target-zero.at-most-zero':
      return le(actual, ZERO) ? ONE : ZERO;
    case 'higher.actual-over-target':
      return clamp(div(actual, target), ZERO, ONE);
    case 'lower.target-over-actual':
      return le(actual, target) ? ONE : div(target, actual);
    case 'lower.linear-to-twice-target':
      // 1 − (a − t)/t, which is 0 at a = 2t; beyond that it stays 0.
      return le(actual, target) ? ONE : max(ZERO, sub(ONE, div(sub(actual, target), target)));
  }
};

/** Whether the result falls short of the target (偏差): a reason and a remedy are then required. */
export const isShortfall = (formulaId: QuantitativeFormulaId, target: Rational, actual: Rational): boolean => {
  switch (formulaId) {
    case 'target-zero.at-most-zero':
      return compare(actual, ZERO) > 0;
    case 'higher.actual-over-target':
      return lt(actual, target);
    case 'lower.target-over-actual':
    case 'lower.linear-to-twice-target':
      return compare(actual, target) > 0;
  }
};

/**
 * Over-achievement 超额完成 of a higher-is-better indicator: actual ÷ target at or above the
 * line (1.2 = 120%) flags a target set too low (目标设定偏低). With `proportional`, the points
 * lose (actual ÷ target − line) × points, never below 0 — 10号: "对完成值高于指标值较多的…
 * 如果是由于年初指标值设定明显偏低造成的，要按照偏离度适度调减分值".
 */
export const overAchievement = (
  target: Rational,
  actual: Rational,
  line: Rational,
): { flagged: boolean; excess: Rational } => {
  const achieved = div(actual, target);
  return ge(achieved, line) ? { flagged: true, excess: sub(achieved, line) } : { flagged: false, excess: ZERO };
};

/**
 * Qualitative tiers 定性指标档次 (10号; pmkpi `selfqualscorecheck`): 达成年度指标 [80%, 100%],
 * 部分达成年度指标并具有一定效果 [60%, 80%), 未达成年度指标且效果较差 [0, 60%).
 */
export type QualitativeTier = 'achieved' | 'partly-achieved' | 'not-achieved';
export const QUALITATIVE_TIERS: readonly QualitativeTier[] = ['achieved', 'partly-achieved', 'not-achieved'];

/** The range of a tier as shares of the points: [from, to] when `toIncluded`, else [from, to). */
export const TIER_RANGES: Readonly<Record<QualitativeTier, { from: Rational; to: Rational; toIncluded: boolean }>> = {
  achieved: { from: ratio(4n, 5n), to: ONE, toIncluded: true },
  'partly-achieved': { from: ratio(3n, 5n), to: ratio(4n, 5n), toIncluded: false },
  'not-achieved': { from: ZERO, to: ratio(3n, 5n), toIncluded: false },
};

/** Whether `points` (exact) lies in the tier's range of `maxPoints`. */
export const inTier = (tier: QualitativeTier, points: Rational, maxPoints: Rational): boolean => {
  const r = TIER_RANGES[tier];
  const from = mul(r.from, maxPoints);
  const to = mul(r.to, maxPoints);
  return ge(points, from) && (r.toIncluded ? le(points, to) : lt(points, to));
};

/** The tier a point falls in, or null outside [0, maxPoints]. */
export const tierOf = (points: Rational, maxPoints: Rational): QualitativeTier | null =>
  QUALITATIVE_TIERS.find((t) => inTier(t, points, maxPoints)) ?? null;

/** Budget execution points 执行率得分 = min(weight, spent ÷ budget × weight); no budget earns 0. */
export const executionRateShare = (budgetFen: Rational, spentFen: Rational): Rational =>
  le(budgetFen, ZERO) ? ZERO : clamp(div(spentFen, budgetFen), ZERO, ONE);
