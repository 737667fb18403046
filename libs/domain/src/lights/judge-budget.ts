import { tidyGap, levelForGap } from '../deviation/check-deviation.js';
import { lightRulesOf } from '../rulebook/lights.js';
import type { Rulebook } from '../rulebook/rulebook.js';
import type { Fen } from '../shared/money.js';
import { isAssessable, progressOn } from './business-date.js';
import type { Judgement } from './light.js';

export interface BudgetInput {
  /** Spending whose `spentOn` is on or before `asOf`, in fen. */
  spentFen: Fen;
  adjustedBudgetFen: Fen;
  /** The business date judged. */
  asOf: string;
  fiscalYear: number;
  rulebook: Pick<Rulebook, 'lights' | 'deviationThresholds'>;
}

/**
 * Budget execution 预算执行 against 序时进度 as of a business date, or null before the
 * first assessment date (or without a budget). Ratio form (pmkpi `bgttracewarn`, R20):
 * execution rate ÷ 序时进度 below 60% red, below 80% yellow, else green; spending ahead of
 * time is green (the budget ceiling guards overspending). Gap form: national-2020 v1.
 */
export const judgeBudget = (input: BudgetInput): Judgement | null => {
  const rules = lightRulesOf(input.rulebook);
  if (input.adjustedBudgetFen <= 0 || !isAssessable(input.asOf, input.fiscalYear, rules)) return null;
  const progress = progressOn(input.asOf, input.fiscalYear);
  const rate = input.spentFen / input.adjustedBudgetFen;
  const expected = Math.round(input.adjustedBudgetFen * progress);
  const gap = tidyGap(Math.max(0, progress - rate));
  const base = { expected, actual: input.spentFen, gap, progress, asOf: input.asOf };
  if (rules.form === 'gap') {
    const level = levelForGap(gap, input.rulebook.deviationThresholds);
    return { ...base, light: level === 'none' ? 'green' : level, ratio: null };
  }
  const ratio = progress > 0 ? tidyGap(rate / progress) : 1;
  const light = ratio < rules.budgetBands.red ? 'red' : ratio < rules.budgetBands.yellow ? 'yellow' : 'green';
  return { ...base, light, ratio };
};
