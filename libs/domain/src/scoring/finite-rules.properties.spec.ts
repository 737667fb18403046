/**
 * Every number a rule derives from accepted input is finite (issue 12). Inputs range over
 * what the edge accepts: finite numbers with |x| ≤ 10^12 (MAX_INPUT_MAGNITUDE), the
 * bounds themselves, zero and the tiniest magnitudes included, since a ratio over a
 * target of 1e-300 overflows as surely as one over 0.
 */
import fc from 'fast-check';
import { MAX_INPUT_MAGNITUDE } from '../shared/bounds.js';
import { nationalRulebook2020 } from '../rulebook/national-2020.js';
import { checkDeviation } from '../deviation/check-deviation.js';
import { checkBudgetDeviation } from '../deviation/check-budget-deviation.js';
import { executionRate, executionRatePoints } from './execution-rate.js';
import { indicatorMaxPoints } from './indicator-points.js';
import { totalScore } from './total-score.js';
import { executionRateShare, quantitativeShare, type QuantitativeFormulaId } from './self-evaluation/formulas.js';
import { fromNumber, mul, roundHalfUpToCents, centsNumber } from '../shared/rational.js';

const RUNS = { numRuns: 2000, seed: 12 };
const bound = MAX_INPUT_MAGNITUDE;
/** Any accepted number, with the edges (±bound, 0, ±MIN_VALUE, ±1e-300) drawn often. */
const accepted = fc.oneof(
  fc.double({ min: -bound, max: bound, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(bound, -bound, 0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 1e-300, -1e-300, 0.01, -0.01),
);
const fen = fc.oneof(fc.integer({ min: 0, max: bound }), fc.constantFrom(0, 1, bound));
const comparator = fc.constantFrom('>=', '>', '=', '<', '<=') as fc.Arbitrary<'>=' | '>' | '=' | '<' | '<='>;
const period = fc.tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
const finite = (n: number | null) => n === null || Number.isFinite(n);

describe('every derived number is finite for inputs within the bounds', () => {
  it('checkDeviation: expected, gap and progress', () => {
    fc.assert(
      fc.property(comparator, accepted, accepted, period, fc.integer({ min: 2000, max: 2100 }), (c, target, value, p, fiscalYear) => {
        const check = checkDeviation({ comparator: c, target, reading: { value, likelihood: null }, period: p, fiscalYear, rulebook: nationalRulebook2020 });
        expect([check.expected, check.gap, check.progress].every(finite)).toBe(true);
      }),
      RUNS,
    );
  });

  it('checkBudgetDeviation: rate, expected, gap and progress', () => {
    fc.assert(
      fc.property(fen, fen, fc.integer({ min: 2000, max: 2100 }), fc.date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (spent, budget, fiscalYear, at) => {
        const check = checkBudgetDeviation({ spentFen: spent, adjustedBudgetFen: budget, asOf: at.toISOString(), fiscalYear, rulebook: nationalRulebook2020 });
        expect([check.executionRate, check.expected, check.gap, check.progress].every(finite)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the self-evaluation formulas (exact rationals) and the execution rate: a share in [0, 1], points finite', () => {
    const formula = fc.constantFrom('higher.actual-over-target', 'lower.target-over-actual', 'lower.linear-to-twice-target', 'target-zero.at-most-zero') as fc.Arbitrary<QuantitativeFormulaId>;
    // The goals refuse a target ≤ 0 for the ratio formulas (a target of 0 is scored by target-zero).
    const positive = fc.oneof(fc.double({ min: 0.01, max: bound, noNaN: true }), fc.constantFrom(0.01, bound));
    fc.assert(
      fc.property(formula, positive, accepted, fc.double({ min: 0, max: 100, noNaN: true }), fen, fen, (id, target, actual, points, spent, budget) => {
        const share = quantitativeShare(id, fromNumber(id === 'target-zero.at-most-zero' ? 0 : target), fromNumber(actual));
        const earned = centsNumber(roundHalfUpToCents(mul(share, fromNumber(points))));
        const rate = executionRate(spent, budget);
        const ratePoints = executionRatePoints(rate, 10);
        const rateShare = centsNumber(roundHalfUpToCents(mul(executionRateShare(fromNumber(budget), fromNumber(spent)), fromNumber(100))));
        expect([earned, rate, ratePoints, rateShare, totalScore([earned, ratePoints])].every(finite)).toBe(true);
        expect(earned).toBeGreaterThanOrEqual(0);
        expect(earned).toBeLessThanOrEqual(Math.round(points * 100) / 100 + 0.01);
      }),
      { numRuns: 500, seed: 12 },
    );
  });

  it('indicatorMaxPoints, weights of zero included', () => {
    const level = fc.constantFrom('output', 'benefit', 'satisfaction') as fc.Arbitrary<'output' | 'benefit' | 'satisfaction'>;
    const indicators = fc.array(fc.record({ level, weight: fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(0)) }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(indicators, (list) => {
        const points = indicatorMaxPoints(list.map((i, n) => ({ ...i, indicatorId: `i${n}` })), nationalRulebook2020);
        expect([...points.values()].every(finite)).toBe(true);
      }),
      RUNS,
    );
  });
});
