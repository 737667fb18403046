import type { Rulebook } from '../rulebook/rulebook.js';
import { fromNumber, ge } from '../shared/rational.js';

/**
 * Grade 等级: 优 excellent, 良 good, 中 fair, 低 low, 差 poor. The national rules use four
 * (财预〔2020〕10号 for evaluations, 财预〔2015〕88号 for goal reviews); Guangdong and Guangzhou
 * have used five, with 低 between 中 and 差 (domain-rules R2). A rulebook picks which of
 * these its bands use; the vocabulary is closed so that labels, result policies and read
 * models know every grade a rulebook can produce.
 */
export type Grade = 'excellent' | 'good' | 'fair' | 'low' | 'poor';
/** Every grade, best first: the order bands must follow. */
export const GRADES: readonly Grade[] = ['excellent', 'good', 'fair', 'low', 'poor'];
/** The four grades of a goal review 目标审核 (88号): 优/良/中/差. */
export type GoalReviewGrade = Exclude<Grade, 'low'>;
export const GOAL_REVIEW_GRADES: readonly GoalReviewGrade[] = ['excellent', 'good', 'fair', 'poor'];

/** A grade band: a score at or above `min` earns `grade` unless a higher band takes it. */
export interface GradeBand {
  grade: Grade;
  min: number;
}

/**
 * The grade a score earns under the rulebook, compared exactly (a score of 89.99 is below
 * a band at 90, with no float noise either way). Derived, never supplied by a caller: the
 * same score always yields the same grade under the same rulebook version.
 */
export const gradeFor = (score: number, rulebook: Pick<Rulebook, 'gradeBands'>): Grade => {
  const bands = [...rulebook.gradeBands].sort((a, b) => b.min - a.min);
  const exact = fromNumber(score);
  const band = bands.find((b) => ge(exact, fromNumber(b.min)));
  // A valid rulebook has a band at 0 and scores are never negative; the lowest band is the floor.
  return (band ?? bands[bands.length - 1]!).grade;
};
