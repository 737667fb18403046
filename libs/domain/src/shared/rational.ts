/**
 * Exact rational numbers over BigInt, for scores that decide a grade or money.
 *
 * Why not a decimal library: decimal.js and big.js round every division to a fixed number
 * of digits, and a score is a quotient (actual ÷ target × 200/7 points). Rounding half-up
 * to two decimals must see the exact quotient, so the score is a fraction n/d with d > 0,
 * kept in lowest terms, and rounded once, at the end (`roundHalfUpToCents`).
 *
 * Numbers enter through their decimal text (`fromNumber` reads `String(n)`, the shortest
 * text that round-trips), so 0.1 is exactly 1/10 and not the binary float nearest to it.
 */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
const gcd = (a: bigint, b: bigint): bigint => {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

/** n/d in lowest terms with a positive denominator. Throws on d = 0: callers guard every division. */
export const ratio = (n: bigint, d: bigint = 1n): Rational => {
  if (d === 0n) throw new RangeError('Rational with a zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
};

export const ZERO: Rational = ratio(0n);
export const ONE: Rational = ratio(1n);

/** Decimal text ("12", "-0.005", "1.5e-7", "2E+21") to its exact value; null if it is not one. */
export const parseDecimal = (text: string): Rational | null => {
  const m = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text) ?? /^([+-]?)()\.(\d+)(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return null;
  const [, sign, whole = '', fraction = '', exponentText] = m;
  const exponent = Number(exponentText ?? 0);
  // A bound that no score input comes near; it keeps a hostile "1e999999999" from allocating.
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return null;
  let n = BigInt(`${whole}${fraction}` || '0');
  let d = 10n ** BigInt(fraction.length);
  if (exponent >= 0) n *= 10n ** BigInt(exponent);
  else d *= 10n ** BigInt(-exponent);
  return ratio(sign === '-' ? -n : n, d);
};

/** A finite JS number by its shortest decimal text. Throws on NaN and ±Infinity. */
export const fromNumber = (x: number): Rational => {
  if (!Number.isFinite(x)) throw new RangeError(`Not a finite number: ${x}`);
  return parseDecimal(String(x)) as Rational;
};

export const add = (a: Rational, b: Rational): Rational => ratio(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational => ratio(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational => ratio(a.n * b.n, a.d * b.d);
/** a ÷ b; throws when b is 0 (every formula checks its divisor first). */
export const div = (a: Rational, b: Rational): Rational => ratio(a.n * b.d, a.d * b.n);

/** -1, 0 or 1 as a < b, a = b, a > b. */
export const compare = (a: Rational, b: Rational): -1 | 0 | 1 => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const lt = (a: Rational, b: Rational): boolean => compare(a, b) < 0;
export const le = (a: Rational, b: Rational): boolean => compare(a, b) <= 0;
export const ge = (a: Rational, b: Rational): boolean => compare(a, b) >= 0;
export const eq = (a: Rational, b: Rational): boolean => compare(a, b) === 0;
export const min = (a: Rational, b: Rational): Rational => (le(a, b) ? a : b);
export const max = (a: Rational, b: Rational): Rational => (ge(a, b) ? a : b);
/** x held to [lo, hi]. */
export const clamp = (x: Rational, lo: Rational, hi: Rational): Rational => max(lo, min(hi, x));

/**
 * Rounds half up (away from zero at exactly .5, as 四舍五入) to whole hundredths and returns
 * the count of hundredths: 12.345 → 1235n, -0.005 → -1n. Scores are never negative, but
 * the rule is symmetric so a deduction rounds the same way as a gain.
 */
export const roundHalfUpToCents = (x: Rational): bigint => {
  const scaled = abs(x.n) * 100n;
  const q = scaled / x.d;
  const rest = scaled - q * x.d;
  const rounded = rest * 2n >= x.d ? q + 1n : q;
  return x.n < 0n ? -rounded : rounded;
};

/** Hundredths as decimal text with exactly two decimals: 1235n → "12.35", -1n → "-0.01". */
export const centsText = (cents: bigint): string => {
  const sign = cents < 0n ? '-' : '';
  const a = abs(cents);
  return `${sign}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
};

/**
 * Hundredths as a JS number: the double nearest the two-decimal value, whose shortest
 * text is exactly that value (1235n → 12.35), so it round-trips through JSON and events.
 */
export const centsNumber = (cents: bigint): number => Number(centsText(cents));

/** The exact value as "n/d" (or "n" when whole), for an audit trail that must not round. */
export const rationalText = (x: Rational): string => (x.d === 1n ? x.n.toString() : `${x.n}/${x.d}`);

/** Parses `rationalText` back. */
export const parseRationalText = (text: string): Rational | null => {
  const m = /^(-?\d{1,400})(?:\/(\d{1,400}))?$/.exec(text);
  if (!m || m[2] === '0') return null;
  return ratio(BigInt(m[1]!), BigInt(m[2] ?? '1'));
};
