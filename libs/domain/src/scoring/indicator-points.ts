import type { Rulebook } from '../rulebook/rulebook.js';
import type { IndicatorLevel } from '../project/goals/indicator.js';

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
