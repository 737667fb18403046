import type { Rulebook } from '../../rulebook/rulebook.js';
import { LOWER_IS_BETTER_FORMULAS, type LowerIsBetterFormulaId } from './formulas.js';

/** How over-achievement is treated: `none` flags only; `proportional` also deducts (see `overAchievement`). */
export type OverAchievementDeduction = 'none' | 'proportional';
export const OVER_ACHIEVEMENT_DEDUCTIONS: readonly OverAchievementDeduction[] = ['none', 'proportional'];

/**
 * The rulebook's self-evaluation options 自评计分规则. Optional on a rulebook: a rulebook
 * published before these options existed scores with the defaults below, which are the
 * rules Jixiao applied until then (target ÷ actual for lower-is-better, no deduction).
 */
export interface SelfEvaluationRules {
  /** Which lower-is-better (反向) formula applies; 10号 fixes neither (domain-rules R11). */
  lowerIsBetterFormula: LowerIsBetterFormulaId;
  /** Actual ÷ target at or above this flags over-achievement: 1.2 = 120% (pmkpi blue light). */
  overAchievementLine: number;
  overAchievementDeduction: OverAchievementDeduction;
}

export const DEFAULT_SELF_EVALUATION_RULES: SelfEvaluationRules = {
  lowerIsBetterFormula: 'lower.target-over-actual',
  overAchievementLine: 1.2,
  overAchievementDeduction: 'none',
};

/** The options in force under a rulebook, defaults filled in field by field. */
export const selfEvaluationRulesOf = (rulebook: Pick<Rulebook, 'selfEvaluation'>): SelfEvaluationRules => ({
  ...DEFAULT_SELF_EVALUATION_RULES,
  ...(rulebook.selfEvaluation ?? {}),
});

/** Why the options are invalid, or null. The line is a ratio above 1 (above 100% of target). */
export const selfEvaluationRulesProblem = (rules: Partial<SelfEvaluationRules> | undefined): string | null => {
  if (rules === undefined) return null;
  if (rules.lowerIsBetterFormula !== undefined && !LOWER_IS_BETTER_FORMULAS.includes(rules.lowerIsBetterFormula)) {
    return `lowerIsBetterFormula is one of ${LOWER_IS_BETTER_FORMULAS.join(', ')}`;
  }
  const line = rules.overAchievementLine;
  if (line !== undefined && !(typeof line === 'number' && Number.isFinite(line) && line > 1 && line <= 100)) {
    return 'overAchievementLine is a ratio above 1 (1.2 = 120% of target)';
  }
  if (rules.overAchievementDeduction !== undefined && !['none', 'proportional'].includes(rules.overAchievementDeduction)) {
    return 'overAchievementDeduction is none or proportional';
  }
  return null;
};
