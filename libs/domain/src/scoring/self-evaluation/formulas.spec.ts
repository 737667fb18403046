/**
 * Boundary tables for each self-evaluation formula and tier, written by hand from the rule
 * text (10号; pmkpi selfpositiveindex / selfreverseindex / selfequalindex / selfqualscorecheck).
 * Each expected 得分 is worked out on paper in the row's comment, never by the code under test.
 */
import { centsText, fromNumber, mul, parseDecimal, roundHalfUpToCents, type Rational } from '../../shared/rational.js';
import { executionRateShare, inTier, tierOf, type LowerIsBetterFormulaId, type QualitativeTier, type QuantitativeFormulaId } from './formulas.js';
import type { Direction } from '../direction.js';
import { DEFAULT_SELF_EVALUATION_RULES, type SelfEvaluationRules } from './rules.js';
import { formulaFor, quantitativePoints } from './sheet.js';

const q = (text: string): Rational => parseDecimal(text)!;
/** The row's 得分 as the sheet shows it: exact, rounded half-up to two decimals once. */
const score = (formulaId: QuantitativeFormulaId, target: string, actual: string, points: string, rules: SelfEvaluationRules = DEFAULT_SELF_EVALUATION_RULES) =>
  centsText(roundHalfUpToCents(quantitativePoints(formulaId, q(target), q(actual), q(points), rules).points));

describe('higher.actual-over-target (正向: actual ÷ target × points, capped)', () => {
  it.each([
    ['on target', '1200', '1200', '10', '10.00'], //                1200/1200 × 10 = 10
    ['half', '1200', '600', '10', '5.00'], //                        600/1200 × 10 = 5
    ['actual 0', '1200', '0', '10', '0.00'], //                      0 × 10 = 0
    ['one short', '1200', '1199', '10', '9.99'], //                  1199/1200 × 10 = 9.99166… → 9.99
    ['over target is capped', '1200', '1500', '10', '10.00'], //     min(1, 1.25) × 10 = 10
    ['a third', '3', '1', '10', '3.33'], //                          10/3 = 3.333… → 3.33
    ['two thirds', '3', '2', '10', '6.67'], //                       20/3 = 6.666… → 6.67
    ['exactly half a cent rounds up', '8', '1', '1', '0.13'], //    1/8 = 0.125 → 0.13 (half-up, not half-even)
    ['decimal inputs are exact', '0.3', '0.1', '3', '1.00'], //      0.1/0.3 × 3 = 1 (floats give 0.9999…)
    ['a fractional 分值 (200/7)', '1200', '900', String(200 / 7), '21.43'], // 0.75 × 28.571428571428573 = 21.4285714… → 21.43
    ['a 分值 of 1.005 at full marks', '1', '1', '1.005', '1.01'], //  1.005 exactly → 1.01 (Math.round(1.005 × 100) gives 1.00)
  ])('%s: target %s, actual %s, 分值 %s → %s', (_label, target, actual, points, expected) => {
    expect(score('higher.actual-over-target', target, actual, points)).toBe(expected);
  });
});

describe('over-achievement (line 120% of target; 10号 "按照偏离度适度调减分值")', () => {
  const proportional: SelfEvaluationRules = { ...DEFAULT_SELF_EVALUATION_RULES, overAchievementDeduction: 'proportional' };
  it.each([
    ['119%: below the line', '100', '119', '10.00', false], //        capped 10, no flag
    ['120%: at the line, flagged, nothing to deduct', '100', '120', '10.00', true], // 10 − (1.2 − 1.2) × 10
    ['150%', '100', '150', '7.00', true], //                          10 − (1.5 − 1.2) × 10 = 7
    ['125.5%', '100', '125.5', '9.45', true], //                      10 − 0.055 × 10 = 9.45
    ['220%: down to zero', '100', '220', '0.00', true], //            10 − 1.0 × 10 = 0
    ['300%: never below zero', '100', '300', '0.00', true], //        max(0, 10 − 1.8 × 10) = 0
  ])('proportional, %s', (_label, target, actual, expected, flagged) => {
    const out = quantitativePoints('higher.actual-over-target', q(target), q(actual), q('10'), proportional);
    expect(centsText(roundHalfUpToCents(out.points))).toBe(expected);
    expect(out.overAchieved).toBe(flagged);
  });

  it('none (the default) flags only: 150% keeps full points', () => {
    const out = quantitativePoints('higher.actual-over-target', q('100'), q('150'), q('10'), DEFAULT_SELF_EVALUATION_RULES);
    expect([centsText(roundHalfUpToCents(out.points)), out.overAchieved]).toEqual(['10.00', true]);
  });

  it('a line of 130% moves the flag', () => {
    const rules = { ...proportional, overAchievementLine: 1.3 };
    expect(quantitativePoints('higher.actual-over-target', q('100'), q('129'), q('10'), rules).overAchieved).toBe(false);
    expect(centsText(roundHalfUpToCents(quantitativePoints('higher.actual-over-target', q('100'), q('150'), q('10'), rules).points))).toBe('8.00'); // 10 − 0.2 × 10
  });
});

describe('lower.target-over-actual (反向: full at actual ≤ target, else target ÷ actual × points)', () => {
  it.each([
    ['on target', '800', '800', '10.00'],
    ['under target', '800', '400', '10.00'],
    ['actual 0', '800', '0', '10.00'], //                 0 ≤ 800: full points
    ['one over', '800', '801', '9.99'], //                800/801 × 10 = 9.98751… → 9.99
    ['1.5 × target', '800', '1200', '6.67'], //           800/1200 × 10 = 6.666… → 6.67
    ['2 × target', '800', '1600', '5.00'], //             800/1600 × 10 = 5
    ['3 × target', '800', '2400', '3.33'], //             800/2400 × 10 = 3.333… → 3.33
  ])('%s: target %s, actual %s → %s', (_label, target, actual, expected) => {
    expect(score('lower.target-over-actual', target, actual, '10')).toBe(expected);
  });
});

describe('lower.linear-to-twice-target (反向, pmkpi: (1 − (actual − target) ÷ target) × points, 0 from 2 × target)', () => {
  it.each([
    ['on target', '800', '800', '10.00'],
    ['under target', '800', '400', '10.00'],
    ['actual 0', '800', '0', '10.00'],
    ['one over', '800', '801', '9.99'], //                (1 − 1/800) × 10 = 9.9875 → 9.99
    ['1.25 × target', '800', '1000', '7.50'], //          (1 − 200/800) × 10 = 7.5
    ['1.5 × target', '800', '1200', '5.00'], //           (1 − 0.5) × 10 = 5
    ['2 × target', '800', '1600', '0.00'], //             (1 − 1) × 10 = 0
    ['2.5 × target stays 0', '800', '2000', '0.00'],
    ['just under 2 × target', '800', '1599', '0.01'], //  (1 − 799/800) × 10 = 0.0125 → 0.01
    ['0.0125 × 10 … half a cent', '800', '1599.6', '0.01'], // (1 − 799.6/800) × 10 = 0.005 → 0.01 (half-up)
  ])('%s: target %s, actual %s → %s', (_label, target, actual, expected) => {
    expect(score('lower.linear-to-twice-target', target, actual, '10')).toBe(expected);
  });
});

describe('target-zero.at-most-zero (target 0: full if actual ≤ 0, else 0)', () => {
  it.each([
    ['actual 0', '0', '10.00'],
    ['actual below 0', '-1', '10.00'],
    ['actual 0.01', '0.01', '0.00'],
    ['actual 5', '5', '0.00'],
  ])('%s → %s', (_label, actual, expected) => {
    expect(score('target-zero.at-most-zero', '0', actual, '10')).toBe(expected);
  });
});

describe('qualitative.three-tiers (达成 [80%, 100%], 部分达成 [60%, 80%), 未达成 [0, 60%)) of 10 points', () => {
  it.each([
    ['achieved', '10', true],
    ['achieved', '8', true],
    ['achieved', '7.99', false],
    ['achieved', '10.01', false],
    ['partly-achieved', '7.99', true],
    ['partly-achieved', '8', false],
    ['partly-achieved', '6', true],
    ['partly-achieved', '5.99', false],
    ['not-achieved', '5.99', true],
    ['not-achieved', '6', false],
    ['not-achieved', '0', true],
    ['not-achieved', '-0.01', false],
  ] as const)('%s holds %s: %s', (tier, points, inside) => {
    expect(inTier(tier as QualitativeTier, q(points), q('10'))).toBe(inside);
  });

  it.each([
    ['10', 'achieved'],
    ['8', 'achieved'],
    ['7.99', 'partly-achieved'],
    ['6', 'partly-achieved'],
    ['5.99', 'not-achieved'],
    ['0', 'not-achieved'],
    ['10.01', null],
  ])('points %s fall in tier %s', (points, tier) => {
    expect(tierOf(q(points), q('10'))).toBe(tier);
  });

  it('with 分值 200/7 the achieved tier starts at 160/7 = 22.857…: 22.85 is partly achieved, 22.86 achieved', () => {
    expect(tierOf(q('22.85'), fromNumber(200 / 7))).toBe('partly-achieved');
    expect(tierOf(q('22.86'), fromNumber(200 / 7))).toBe('achieved');
  });
});

describe('budget execution (执行率得分 = min(10, 全年执行数 ÷ 全年预算数 × 10))', () => {
  const points = (budgetFen: number, spentFen: number) => centsText(roundHalfUpToCents(mul(executionRateShare(fromNumber(budgetFen), fromNumber(spentFen)), q('10'))));
  it.each([
    [100_000_000, 95_000_000, '9.50'],
    [100_000_000, 100_000_000, '10.00'],
    [100_000_000, 120_000_000, '10.00'], // capped
    [100_000_000, 0, '0.00'], //            nothing spent
    [0, 5, '0.00'], //                      no budget: nothing to execute
    [100_000_000, 33_333_333, '3.33'], //   3.3333333 → 3.33
    [80, 1, '0.13'], //                     1/80 × 10 = 0.125 → 0.13
  ])('budget %p fen, spent %p fen → %s', (budget, spent, expected) => {
    expect(points(budget, spent)).toBe(expected);
  });
});

describe('a target of 0 always uses the target-0 formula, whatever the direction and the rulebook option', () => {
  const lowerOptions = ['lower.target-over-actual', 'lower.linear-to-twice-target'] as const;
  type Row = [Direction, LowerIsBetterFormulaId, string, string];
  it.each<Row>([
    ['higher-is-better', 'lower.target-over-actual', '0', '10.00'],
    ['higher-is-better', 'lower.target-over-actual', '5', '0.00'],
    ...lowerOptions.flatMap((option): Row[] => [
      ['lower-is-better', option, '0', '10.00'],
      ['lower-is-better', option, '0.5', '0.00'],
    ]),
  ])('%s (%s), actual %s → %s', (direction, lowerIsBetterFormula, actual, expected) => {
    const rules = { ...DEFAULT_SELF_EVALUATION_RULES, lowerIsBetterFormula };
    const formulaId = formulaFor({ direction }, q('0'), rules);
    expect(formulaId).toBe('target-zero.at-most-zero');
    expect(score(formulaId, '0', actual, '10', rules)).toBe(expected);
  });

  it('a non-zero target picks the formula by direction and option', () => {
    expect(formulaFor({ direction: 'higher-is-better' }, q('1'), DEFAULT_SELF_EVALUATION_RULES)).toBe('higher.actual-over-target');
    expect(formulaFor({ direction: 'lower-is-better' }, q('1'), DEFAULT_SELF_EVALUATION_RULES)).toBe('lower.target-over-actual');
    expect(formulaFor({ direction: 'lower-is-better' }, q('1'), { ...DEFAULT_SELF_EVALUATION_RULES, lowerIsBetterFormula: 'lower.linear-to-twice-target' })).toBe('lower.linear-to-twice-target');
  });
});
