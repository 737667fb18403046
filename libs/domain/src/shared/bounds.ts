/**
 * The largest magnitude any numeric input may have: |x| ≤ 10^12 (issue 12). Big enough
 * for every amount in fen a budget holds (10^12 fen is ¥10 billion) and every indicator
 * value, small enough that any sum, difference or ratio the rules take of two such
 * numbers stays finite and exact to the cent. The api refuses a number past it with 400.
 */
export const MAX_INPUT_MAGNITUDE = 1e12;

/** A finite number within ±MAX_INPUT_MAGNITUDE. */
export const isBoundedNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_INPUT_MAGNITUDE;

/** At most two decimals, as indicator points (指标得分) are written: 12, 12.5, 12.25 but not 12.255. */
export const hasAtMostTwoDecimals = (value: number): boolean =>
  Number.isFinite(value) && /^-?\d+(\.\d{1,2})?$/.test(String(value));
