import { nationalRulebook2020 } from '../rulebook/national-2020.js';
import { checkBudgetDeviation } from './check-budget-deviation.js';
import { checkDeviation, type Likelihood } from './check-deviation.js';
import type { Comparator } from '../project/goals/indicator.js';

const rulebook = nationalRulebook2020; // yellow > 0.1, red > 0.2 behind 序时进度

const check = (comparator: Comparator, target: number | null, value: number | null, period: string, likelihood: Likelihood | null = null) =>
  checkDeviation({ comparator, target, reading: { value, likelihood }, period, fiscalYear: 2025, rulebook });

describe('checkDeviation: an indicator reading against time-proportional progress', () => {
  it.each([
    // comparator, target, value, period, level, expected, gap
    // higher-is-better: end of June = 6/12; 1200 × 0.5 = 600 expected
    ['>=', 1200, 600, '2025-06', 'none', 600, 0],
    ['>=', 1200, 700, '2025-06', 'none', 600, 0], // ahead is fine
    ['>=', 1200, 480, '2025-06', 'none', 600, 0.1], // exactly at yellow: not "more than"
    ['>=', 1200, 479, '2025-06', 'yellow', 600, 0.100833333],
    ['>=', 1200, 360, '2025-06', 'yellow', 600, 0.2], // exactly at red: still yellow
    ['>=', 1200, 359, '2025-06', 'red', 600, 0.200833333],
    ['>', 100, 0, '2025-12', 'red', 100, 1],
    // lower-is-better: the target is a ceiling at any time
    ['<=', 800, 800, '2025-03', 'none', 800, 0],
    ['<=', 800, 880, '2025-03', 'none', 800, 0.1],
    ['<=', 800, 900, '2025-03', 'yellow', 800, 0.125],
    ['<', 800, 1000, '2025-03', 'red', 800, 0.25],
    ['<=', 800, 100, '2025-03', 'none', 800, 0],
    // equality: behind time, or beyond the target, both count
    ['=', 12, 6, '2025-06', 'none', 6, 0],
    ['=', 12, 4, '2025-06', 'yellow', 6, 0.166666667],
    ['=', 12, 15, '2025-06', 'red', 6, 0.25],
    ['=', 12, 12, '2025-06', 'none', 6, 0],
    // a zero target measures the gap in the target's units
    ['<=', 0, 1, '2025-06', 'red', 0, 1],
  ] as const)('%s %p, reading %p in %s → %s (expected %p, gap %p)', (comparator, target, value, period, level, expected, gap) => {
    const result = check(comparator as Comparator, target as number, value as number, period as string);
    expect(result.level).toBe(level);
    expect(result.expected).toBeCloseTo(expected as number, 9);
    expect(result.gap).toBeCloseTo(gap as number, 8);
  });

  it('uses the given (adjusted) target', () => {
    expect(check('>=', 1200, 200, '2025-05').level).toBe('red');
    expect(check('>=', 600, 200, '2025-05').level).toBe('none');
  });

  it.each([
    ['certain', 'none'],
    ['possible', 'yellow'],
    ['impossible', 'red'],
    [null, 'none'],
  ] as const)('qualitative, stated likelihood %p → %s', (likelihood, level) => {
    expect(check('qualitative', null, null, '2025-06', likelihood)).toEqual({ level, expected: null, gap: 0, progress: 0.5 });
  });

  it('a stated "impossible" is red even when the numbers are on track', () => {
    expect(check('>=', 1200, 600, '2025-06', 'impossible').level).toBe('red');
    expect(check('>=', 1200, 600, '2025-06', 'possible').level).toBe('none');
  });

  it('computes progress per quarter under a quarterly cadence', () => {
    const quarterly = { ...rulebook, monitoringCadence: 'quarterly' as const };
    const result = checkDeviation({ comparator: '>=', target: 100, reading: { value: 10, likelihood: null }, period: '2025-Q1', fiscalYear: 2025, rulebook: quarterly });
    expect(result).toMatchObject({ progress: 0.25, expected: 25, level: 'yellow' });
  });
});

describe('checkBudgetDeviation: budget execution against 序时进度', () => {
  const budget = 100_000_000;
  it.each([
    // asOf, spent, level
    ['2025-01-01T00:00:00Z', 0, 'none', 0],
    ['2025-07-02T12:00:00Z', 50_000_000, 'none', 0.5],
    ['2025-07-02T12:00:00Z', 40_000_000, 'none', 0.5], // exactly 10 points behind
    ['2025-07-02T12:00:00Z', 39_000_000, 'yellow', 0.5],
    ['2025-07-02T12:00:00Z', 29_000_000, 'red', 0.5],
    ['2026-03-01T00:00:00Z', 85_000_000, 'yellow', 1], // after the year: progress is 1
    ['2025-07-02T12:00:00Z', 90_000_000, 'none', 0.5], // ahead of time is not a deviation
  ] as const)('on %s with %p fen spent → %s', (asOf, spentFen, level, progress) => {
    const result = checkBudgetDeviation({ spentFen, adjustedBudgetFen: budget, asOf, fiscalYear: 2025, rulebook });
    expect(result.level).toBe(level);
    expect(result.progress).toBeCloseTo(progress, 9);
    expect(result.expected).toBe(Math.round(budget * result.progress));
    expect(result.gap).toBeCloseTo(Math.max(0, progress - spentFen / budget), 9);
  });
});
