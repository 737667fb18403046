import { parsePeriod } from '../../shared/period.js';
import {
  centsNumber,
  centsText,
  div,
  eq,
  fromNumber,
  ge,
  max,
  mul,
  ratio,
  rationalText,
  roundHalfUpToCents,
  sub,
  ZERO,
  type Rational,
} from '../../shared/rational.js';
import { rulebookRef, type Rulebook, type RulebookRef } from '../../rulebook/rulebook.js';
import type { Fen } from '../../shared/money.js';
import { effectiveTarget, isQualitative, type Indicator, type IndicatorLevel } from '../../project/goals/indicator.js';
import type { Reading } from '../../project/state.js';
import { gradeFor, type Grade } from '../grade.js';
import { indicatorMaxPointsExact } from '../indicator-points.js';
import {
  executionRateShare,
  inTier,
  isShortfall,
  overAchievement,
  quantitativeShare,
  tierOf,
  type FormulaId,
  type QualitativeTier,
  type QuantitativeFormulaId,
} from './formulas.js';
import { selfEvaluationRulesOf, type SelfEvaluationRules } from './rules.js';

/**
 * What the evaluator adds to one row of the sheet. Everything is optional: a quantitative
 * row computes from the latest reading alone.
 */
export interface SheetRowInput {
  indicatorId: string;
  /** 年末实际完成值: an actual entered at year end, in the indicator's unit; replaces the latest reading. */
  actual?: number;
  /** Qualitative tier 定性档次; inferred from `points` when omitted. */
  tier?: QualitativeTier;
  /** Qualitative: the point picked inside the tier. Quantitative: a declared value that overrides the computed one. */
  points?: number;
  /** Why a computed point was overridden (required for an override). */
  overrideReason?: string;
  /** 偏差原因分析及改进措施: required for a row short of its target. */
  shortfallReason?: string;
}

/**
 * One row of the sheet (one level-3 indicator). Points are numbers with at most two
 * decimals whose decimal text is exact; `maxPointsExact` is the unrounded 分值 ("200/7").
 */
export interface SheetRow {
  indicatorId: string;
  name: string;
  level: IndicatorLevel;
  unit: string | null;
  formulaId: FormulaId;
  /** 年度指标值: the target in force (adjusted if it was); null for a qualitative indicator. */
  target: number | null;
  startOfYearTarget: number | null;
  targetAdjusted: boolean;
  /** 实际完成值 and where it came from: the latest cumulative reading, or a year-end entry. */
  actual: number | null;
  actualSource: 'reading' | 'year-end' | null;
  readingId: string | null;
  /** 分值, rounded half-up to two decimals for display; computation uses `maxPointsExact`. */
  maxPoints: number;
  maxPointsExact: string;
  tier: QualitativeTier | null;
  /** 得分 as the formula gives it (for a qualitative row, the evaluator's pick); null when it cannot be computed yet. */
  computedPoints: number | null;
  /** 得分 as declared: the computed value, or the override. */
  points: number | null;
  overridden: boolean;
  overrideReason: string | null;
  /** At or above the over-achievement line: the target was probably set too low. */
  overAchieved: boolean;
  shortfall: boolean;
  shortfallReason: string | null;
}

/** 预算执行率 row: 全年预算数 (A), 全年执行数 (B), 执行率 B ÷ A and its points. */
export interface BudgetExecutionRow {
  budgetFen: Fen;
  spentFen: Fen;
  /** B ÷ A as a percentage, rounded half-up to two decimals: "95.00"; "0.00" with no budget. */
  executionRatePercent: string;
  maxPoints: number;
  points: number;
}

/** Why a sheet cannot be submitted yet; each maps to the rule id a submission is refused with. */
export interface SheetIssue {
  ruleId:
    | 'evaluation.actual-required'
    | 'evaluation.qualitative-points-required'
    | 'evaluation.points-outside-tier'
    | 'evaluation.points-out-of-range'
    | 'evaluation.override-reason-required'
    | 'evaluation.shortfall-reason-required';
  indicatorId: string;
}

/** The self-evaluation sheet 绩效自评表, computed. */
export interface SelfEvaluationSheet {
  rulebook: RulebookRef;
  rules: SelfEvaluationRules;
  rows: SheetRow[];
  outputPoints: number;
  benefitPoints: number;
  satisfactionPoints: number;
  budget: BudgetExecutionRow;
  executionRatePoints: number;
  /** The exact sum of the rounded rows and the execution-rate points: no further rounding. */
  totalScore: number;
  grade: Grade;
  issues: SheetIssue[];
}

export interface SheetProject {
  indicators: readonly Indicator[];
  readings: readonly Reading[];
  adjustedBudgetFen: Fen;
  spentFen: Fen;
}

/** When a period ends, for ordering readings: "2025-03" or "2025-Q1", whichever cadence wrote it. */
const periodEnd = (period: string): number => (parsePeriod(period, 'monthly') ?? parsePeriod(period, 'quarterly'))?.endMs ?? -Infinity;

/** The latest cumulative reading with a value: the one of the latest period. */
export const latestReading = (readings: readonly Reading[], indicatorId: string): Reading | null =>
  readings
    .filter((r) => r.indicatorId === indicatorId && typeof r.value === 'number')
    .reduce<Reading | null>((best, r) => (best === null || periodEnd(r.period) >= periodEnd(best.period) ? r : best), null);

/** The formula a quantitative row uses: target 0 always the target-0 rule, else by direction and rulebook. */
export const formulaFor = (indicator: Pick<Indicator, 'direction'>, target: Rational, rules: SelfEvaluationRules): QuantitativeFormulaId =>
  eq(target, ZERO) ? 'target-zero.at-most-zero' : indicator.direction === 'higher-is-better' ? 'higher.actual-over-target' : rules.lowerIsBetterFormula;

/**
 * The exact points of a quantitative row before rounding, and whether it over-achieved.
 * Exported for the auditor's recomputation (`recomputeRow`) as well as the sheet.
 */
export const quantitativePoints = (
  formulaId: QuantitativeFormulaId,
  target: Rational,
  actual: Rational,
  maxPoints: Rational,
  rules: SelfEvaluationRules,
): { points: Rational; overAchieved: boolean } => {
  let points = mul(quantitativeShare(formulaId, target, actual), maxPoints);
  if (formulaId !== 'higher.actual-over-target') return { points, overAchieved: false };
  const over = overAchievement(target, actual, fromNumber(rules.overAchievementLine));
  if (over.flagged && rules.overAchievementDeduction === 'proportional') points = max(ZERO, sub(points, mul(over.excess, maxPoints)));
  return { points, overAchieved: over.flagged };
};

const nonEmpty = (s: string | undefined): s is string => typeof s === 'string' && s.trim().length > 0;

/**
 * Computes the sheet from the project and the rulebook in force, with whatever the
 * evaluator has added. Never refuses: what a submission would be refused for is listed in
 * `issues`, so the draft can show it. Inputs are assumed well-formed (finite numbers,
 * known indicator ids); the decider checks that before calling.
 *
 * Rounding (财预〔2020〕10号 scores to two decimals): each row is computed exactly and
 * rounded half-up to hundredths once; subtotals, the total and the grade use the exact
 * sum of those rounded rows.
 */
export const computeSelfEvaluationSheet = (project: SheetProject, rulebook: Rulebook, inputs: readonly SheetRowInput[] = []): SelfEvaluationSheet => {
  const rules = selfEvaluationRulesOf(rulebook);
  const maxPoints = indicatorMaxPointsExact(project.indicators, rulebook);
  const issues: SheetIssue[] = [];
  const levelCents: Record<IndicatorLevel, bigint> = { output: 0n, benefit: 0n, satisfaction: 0n };

  const rows = project.indicators.map((indicator): SheetRow => {
    const P = maxPoints.get(indicator.indicatorId) ?? ZERO;
    // The 分值 as printed. A row at full points shows it (200/7 → 28.57), so a declared
    // point may reach it too, though it is a hair above the exact 分值.
    const maxCents = roundHalfUpToCents(P);
    const input = inputs.find((i) => i.indicatorId === indicator.indicatorId);
    const issue = (ruleId: SheetIssue['ruleId']) => issues.push({ ruleId, indicatorId: indicator.indicatorId });
    const base = {
      indicatorId: indicator.indicatorId,
      name: indicator.name,
      level: indicator.level,
      unit: indicator.unit,
      startOfYearTarget: indicator.startOfYearTarget,
      targetAdjusted: indicator.adjustedTarget !== null,
      maxPoints: centsNumber(maxCents),
      maxPointsExact: rationalText(P),
      shortfallReason: nonEmpty(input?.shortfallReason) ? input.shortfallReason : null,
    };

    if (isQualitative(indicator)) {
      const picked = input?.points === undefined ? null : fromNumber(input.points);
      const cents = picked === null ? null : roundHalfUpToCents(picked);
      // The printed 分值 is full points: the top of the achieved tier.
      const share = picked === null ? null : cents === maxCents ? P : picked;
      const tier = input?.tier ?? (share === null ? null : tierOf(share, P));
      if (picked === null || share === null) issue('evaluation.qualitative-points-required');
      else if (!(ge(picked, ZERO) && cents! <= maxCents)) issue('evaluation.points-out-of-range');
      else if (tier !== null && !inTier(tier, share, P)) issue('evaluation.points-outside-tier');
      if (cents !== null) levelCents[indicator.level] += cents;
      const shortfall = tier !== null && tier !== 'achieved';
      if (shortfall && base.shortfallReason === null) issue('evaluation.shortfall-reason-required');
      return {
        ...base,
        formulaId: 'qualitative.three-tiers',
        target: null,
        actual: null,
        actualSource: null,
        readingId: null,
        tier,
        computedPoints: cents === null ? null : centsNumber(cents),
        points: cents === null ? null : centsNumber(cents),
        overridden: false,
        overrideReason: null,
        overAchieved: false,
        shortfall,
      };
    }

    const targetNumber = effectiveTarget(indicator) ?? 0;
    const target = fromNumber(targetNumber);
    const formulaId = formulaFor(indicator, target, rules);
    const reading = input?.actual === undefined ? latestReading(project.readings, indicator.indicatorId) : null;
    const actualNumber = input?.actual ?? reading?.value ?? null;
    const row = {
      ...base,
      formulaId,
      target: targetNumber,
      actual: actualNumber,
      actualSource: input?.actual !== undefined ? ('year-end' as const) : reading ? ('reading' as const) : null,
      readingId: reading?.readingId ?? null,
      tier: null,
    };
    if (actualNumber === null) {
      issue('evaluation.actual-required');
      return { ...row, computedPoints: null, points: null, overridden: false, overrideReason: null, overAchieved: false, shortfall: false };
    }
    const actual = fromNumber(actualNumber);
    const computed = quantitativePoints(formulaId, target, actual, P, rules);
    const computedCents = roundHalfUpToCents(computed.points);
    const declaredCents = input?.points === undefined ? computedCents : roundHalfUpToCents(fromNumber(input.points));
    const overridden = declaredCents !== computedCents;
    if (overridden && !(declaredCents >= 0n && declaredCents <= maxCents)) issue('evaluation.points-out-of-range');
    if (overridden && !nonEmpty(input?.overrideReason)) issue('evaluation.override-reason-required');
    const shortfall = isShortfall(formulaId, target, actual);
    if (shortfall && base.shortfallReason === null) issue('evaluation.shortfall-reason-required');
    levelCents[indicator.level] += declaredCents;
    return {
      ...row,
      computedPoints: centsNumber(computedCents),
      points: centsNumber(declaredCents),
      overridden,
      overrideReason: overridden && nonEmpty(input?.overrideReason) ? input!.overrideReason! : null,
      overAchieved: computed.overAchieved,
      shortfall,
    };
  });

  const weight = fromNumber(rulebook.selfEvaluationWeights.executionRate);
  const budget = fromNumber(project.adjustedBudgetFen);
  const spent = fromNumber(project.spentFen);
  const executionCents = roundHalfUpToCents(mul(executionRateShare(budget, spent), weight));
  const percentCents = ge(ZERO, budget) ? 0n : roundHalfUpToCents(mul(div(spent, budget), fromNumber(100)));
  const totalCents = levelCents.output + levelCents.benefit + levelCents.satisfaction + executionCents;
  const totalScore = centsNumber(totalCents);
  return {
    rulebook: rulebookRef(rulebook),
    rules,
    rows,
    outputPoints: centsNumber(levelCents.output),
    benefitPoints: centsNumber(levelCents.benefit),
    satisfactionPoints: centsNumber(levelCents.satisfaction),
    budget: {
      budgetFen: project.adjustedBudgetFen,
      spentFen: project.spentFen,
      executionRatePercent: centsText(percentCents),
      maxPoints: centsNumber(roundHalfUpToCents(weight)),
      points: centsNumber(executionCents),
    },
    executionRatePoints: centsNumber(executionCents),
    totalScore,
    grade: gradeFor(totalScore, rulebook),
    issues,
  };
};

/** At most two decimals: a declared point an auditor reads back exactly, without rounding. */
export const hasAtMostTwoDecimals = (x: number): boolean => {
  const exact = fromNumber(x);
  return eq(ratio(roundHalfUpToCents(exact), 100n), exact);
};
