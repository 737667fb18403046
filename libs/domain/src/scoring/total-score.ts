/**
 * The total score out of 100: the sum of the parts, rounded to two decimals as scores
 * are published. Rounding happens once, here, so that float noise (89.99999999) never
 * decides a grade and the grade is always computed from the published number.
 */
export const totalScore = (parts: readonly number[]): number =>
  Math.round(parts.reduce((sum, p) => sum + p, 0) * 100) / 100;
