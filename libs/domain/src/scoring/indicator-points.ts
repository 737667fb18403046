import type { Rulebook } from '../rulebook/rulebook.js';
import type { IndicatorLevel } from '../project/goals/indicator.js';
import { add, compare, div, fromNumber, mul, sub, ZERO, type Rational } from '../shared/rational.js';

/**
 * How many points each indicator is worth in an evaluation. The rulebook splits 100
 * points between output, benefit, satisfaction and the execution rate; inside a level,
 * indicators share that level's points by their weights. A level the goals do not use
 * passes its points to the levels they do, in proportion, so the indicators always
 * carry 100 minus the execution-rate points.
 */
export const indicatorMaxPoints = (
  indicators: ReadonlyArray<{ indicatorId: string; level: IndicatorLevel; weight: number }>,
  rulebook: Pick<Rulebook, 'selfEvaluationWeights'>,
): Map<string, number> => {
  const w = rulebook.selfEvaluationWeights;
  const levelWeight: Record<IndicatorLevel, number> = { output: w.output, benefit: w.benefit, satisfaction: w.satisfaction };
  const weightInLevel = new Map<IndicatorLevel, number>();
  for (const i of indicators) weightInLevel.set(i.level, (weightInLevel.get(i.level) ?? 0) + i.weight);
  const usedLevelWeight = [...weightInLevel.keys()].reduce((s, level) => s + levelWeight[level], 0);
  const indicatorTotal = 100 - w.executionRate;

  const result = new Map<string, number>();
  for (const i of indicators) {
    const levelShare = usedLevelWeight > 0 ? levelWeight[i.level] / usedLevelWeight : 0;
    const inLevel = weightInLevel.get(i.level) ?? 0;
    const share = inLevel > 0 ? i.weight / inLevel : 0;
    result.set(i.indicatorId, indicatorTotal * levelShare * share);
  }
  return result;
};

/**
 * The same split as `indicatorMaxPoints`, exactly: each indicator's points 分值 as a
 * rational (50 × 40/70 = 200/7), so a self-evaluation row is computed without float
 * error and rounded once. Weights enter through their decimal text.
 */
export const indicatorMaxPointsExact = (
  indicators: ReadonlyArray<{ indicatorId: string; level: IndicatorLevel; weight: number }>,
  rulebook: Pick<Rulebook, 'selfEvaluationWeights'>,
): Map<string, Rational> => {
  const w = rulebook.selfEvaluationWeights;
  const levelWeight: Record<IndicatorLevel, Rational> = { output: fromNumber(w.output), benefit: fromNumber(w.benefit), satisfaction: fromNumber(w.satisfaction) };
  const weightInLevel = new Map<IndicatorLevel, Rational>();
  for (const i of indicators) weightInLevel.set(i.level, add(weightInLevel.get(i.level) ?? ZERO, fromNumber(i.weight)));
  const usedLevelWeight = [...weightInLevel.keys()].reduce((s, level) => add(s, levelWeight[level]), ZERO);
  const indicatorTotal = sub(fromNumber(100), fromNumber(w.executionRate));
  const result = new Map<string, Rational>();
  for (const i of indicators) {
    const inLevel = weightInLevel.get(i.level) ?? ZERO;
    const positive = compare(usedLevelWeight, ZERO) > 0 && compare(inLevel, ZERO) > 0;
    result.set(i.indicatorId, positive ? mul(indicatorTotal, mul(div(levelWeight[i.level], usedLevelWeight), div(fromNumber(i.weight), inLevel))) : ZERO);
  }
  return result;
};
