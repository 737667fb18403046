import type { Fen } from '../shared/money.js';

/**
 * Budget execution rate 预算执行率 = executed ÷ adjusted budget. A project with no budget
 * has nothing to execute, so its rate is 0 rather than a division by zero.
 */
export const executionRate = (spentFen: Fen, adjustedBudgetFen: Fen): number =>
  adjustedBudgetFen <= 0 ? 0 : spentFen / adjustedBudgetFen;

/** Points for the execution rate: the rate × its weight, capped at the weight. */
export const executionRatePoints = (rate: number, weight: number): number => Math.min(weight, Math.max(0, rate * weight));
