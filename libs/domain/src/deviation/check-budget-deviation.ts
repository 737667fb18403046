import type { Rulebook } from '../rulebook/rulebook.js';
import type { Fen } from '../shared/money.js';
import { timeProgressAt } from '../shared/period.js';
import { toMs } from '../shared/time.js';
import { executionRate } from '../scoring/execution-rate.js';
import { levelForGap, tidyGap, type DeviationCheck } from './check-deviation.js';

export interface BudgetDeviationInput {
  spentFen: Fen;
  adjustedBudgetFen: Fen;
  /** The instant progress is measured at (the decide context's now). */
  asOf: string;
  fiscalYear: number;
  rulebook: Pick<Rulebook, 'deviationThresholds'>;
}

/**
 * Budget execution against time-proportional progress 序时进度: by 1 July about half the
 * budget should be spent. The gap is the execution rate's shortfall behind elapsed time;
 * spending ahead of time is not a deviation (the budget ceiling guards overspending).
 */
export const checkBudgetDeviation = (input: BudgetDeviationInput): DeviationCheck & { executionRate: number } => {
  const progress = timeProgressAt(toMs(input.asOf), input.fiscalYear);
  const rate = executionRate(input.spentFen, input.adjustedBudgetFen);
  const gap = tidyGap(Math.max(0, progress - rate));
  return {
    level: levelForGap(gap, input.rulebook.deviationThresholds),
    expected: Math.round(input.adjustedBudgetFen * progress),
    gap,
    progress,
    executionRate: rate,
  };
};
