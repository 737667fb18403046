import { add, centsNumber, centsText, compare, div, fromNumber, parseDecimal, parseRationalText, ratio, rationalText, roundHalfUpToCents } from './rational.js';

describe('exact rationals', () => {
  it.each([
    ['12', 12n, 1n],
    ['0.1', 1n, 10n],
    ['-0.005', -1n, 200n],
    ['1.5e-7', 3n, 20_000_000n],
    ['2E+3', 2000n, 1n],
    ['.25', 1n, 4n],
  ])('parses %s as %p/%p', (text, n, d) => {
    expect(parseDecimal(text)).toEqual({ n, d });
  });

  it.each(['', 'abc', '1.2.3', '1e', 'NaN', 'Infinity', '1e999999'])('refuses %p', (text) => {
    expect(parseDecimal(text)).toBeNull();
  });

  it('reads a number by its decimal text: 0.1 + 0.2 is exactly 0.3', () => {
    expect(compare(add(fromNumber(0.1), fromNumber(0.2)), fromNumber(0.3))).toBe(0);
    expect(() => fromNumber(Number.NaN)).toThrow('Not a finite number');
    expect(() => div(fromNumber(1), fromNumber(0))).toThrow('zero denominator');
  });

  it.each([
    [ratio(1n, 8n), 13n], //        0.125 → 0.13
    [ratio(1n, 3n), 33n], //        0.333… → 0.33
    [ratio(2n, 3n), 67n], //        0.666… → 0.67
    [ratio(-1n, 200n), -1n], //     -0.005 → -0.01 (half away from zero)
    [ratio(1n, 201n), 0n], //       0.004975… → 0.00
    [ratio(12345n, 1000n), 1235n], // 12.345 → 12.35
  ])('rounds %p half-up to %p hundredths', (x, cents) => {
    expect(roundHalfUpToCents(x)).toBe(cents);
  });

  it('prints hundredths exactly and as the nearest number', () => {
    expect([centsText(1235n), centsText(-1n), centsText(0n), centsText(100n)]).toEqual(['12.35', '-0.01', '0.00', '1.00']);
    expect(centsNumber(1235n)).toBe(12.35);
  });

  it('keeps an unrounded value as text for the audit trail, and reads it back', () => {
    expect(rationalText(ratio(200n, 7n))).toBe('200/7');
    expect(rationalText(ratio(30n, 1n))).toBe('30');
    expect(parseRationalText('200/7')).toEqual(ratio(200n, 7n));
    expect(parseRationalText('1/0')).toBeNull();
  });
});
