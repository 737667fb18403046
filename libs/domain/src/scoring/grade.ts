import type { Rulebook } from '../rulebook/rulebook.js';

/**
 * Grade 等级: 优 excellent, 良 good, 中 fair, 差 poor. Used both for a goal review
 * (目标审核) and for an evaluation score (评价等级).
 */
export type Grade = 'excellent' | 'good' | 'fair' | 'poor';

export const GRADES: readonly Grade[] = ['excellent', 'good', 'fair', 'poor'];

/** A grade band: a score at or above `min` earns `grade` unless a higher band takes it. */
export interface GradeBand {
  grade: Grade;
  min: number;
}

/**
 * The grade a score earns under the rulebook. Derived, never supplied by a caller: the
 * same score always yields the same grade under the same rulebook version.
 */
export const gradeFor = (score: number, rulebook: Pick<Rulebook, 'gradeBands'>): Grade => {
  const bands = [...rulebook.gradeBands].sort((a, b) => b.min - a.min);
  const band = bands.find((b) => score >= b.min);
  // A valid rulebook has a band at 0 and scores are never negative; the lowest band is the floor.
  return (band ?? bands[bands.length - 1]!).grade;
};
