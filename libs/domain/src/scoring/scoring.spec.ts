import { nationalRulebook2020 } from '../rulebook/national-2020.js';
import { executionRate, executionRatePoints } from './execution-rate.js';
import { gradeFor } from './grade.js';
import { indicatorMaxPoints } from './indicator-points.js';
import { totalScore } from './total-score.js';

describe('gradeFor (national bands: 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60)', () => {
  it.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.99, 'good'],
    [80, 'good'],
    [79.99, 'fair'],
    [60, 'fair'],
    [59.99, 'poor'],
    [0, 'poor'],
  ] as const)('%p → %s', (score, grade) => {
    expect(gradeFor(score, nationalRulebook2020)).toBe(grade);
  });

  it('follows the rulebook, not constants: a stricter local rulebook moves the bands', () => {
    const strict = {
      gradeBands: [
        { grade: 'excellent' as const, min: 95 },
        { grade: 'good' as const, min: 85 },
        { grade: 'fair' as const, min: 70 },
        { grade: 'poor' as const, min: 0 },
      ],
    };
    expect(gradeFor(94.99, strict)).toBe('good');
    expect(gradeFor(69.99, strict)).toBe('poor');
  });
});

describe('executionRate (预算执行率 = executed ÷ adjusted budget)', () => {
  it.each([
    [95_000_000, 100_000_000, 0.95],
    [0, 100_000_000, 0],
    [100_000_000, 100_000_000, 1],
    [5, 0, 0],
  ])('%p ÷ %p = %p', (spent, budget, rate) => {
    expect(executionRate(spent, budget)).toBe(rate);
  });

  it.each([
    [0.95, 10, 9.5],
    [1.2, 10, 10],
    [0, 10, 0],
  ])('rate %p of weight %p earns %p points', (rate, weight, points) => {
    expect(executionRatePoints(rate, weight)).toBeCloseTo(points, 10);
  });
});

describe('totalScore', () => {
  it.each([
    [[50, 30, 10, 9.5], 99.5],
    [[28.571428571, 30, 10, 21.428571429], 90],
    [[59.994], 59.99],
    [[0.1, 0.2], 0.3],
  ])('%p sums to %p (two decimals)', (parts, total) => {
    expect(totalScore(parts)).toBe(total);
  });
});

describe('indicatorMaxPoints (self-evaluation weights: output 50, benefit 30, satisfaction 10, execution 10)', () => {
  const ind = (indicatorId: string, level: 'output' | 'benefit' | 'satisfaction', weight: number) => ({ indicatorId, level, weight });

  it('splits each level’s points by weight inside the level', () => {
    const points = indicatorMaxPoints(
      [ind('a', 'output', 40), ind('b', 'output', 20), ind('c', 'output', 10), ind('d', 'benefit', 20), ind('e', 'satisfaction', 10)],
      nationalRulebook2020,
    );
    expect(points.get('a')).toBeCloseTo((50 * 40) / 70, 10);
    expect(points.get('b')).toBeCloseTo((50 * 20) / 70, 10);
    expect(points.get('d')).toBeCloseTo(30, 10);
    expect(points.get('e')).toBeCloseTo(10, 10);
  });

  it('passes an unused level’s points to the used ones, so indicators always carry 90', () => {
    const points = indicatorMaxPoints([ind('a', 'output', 50), ind('b', 'benefit', 50)], nationalRulebook2020);
    expect(points.get('a')).toBeCloseTo(90 * (50 / 80), 10);
    expect(points.get('b')).toBeCloseTo(90 * (30 / 80), 10);
    expect([...points.values()].reduce((s, p) => s + p, 0)).toBeCloseTo(90, 10);
  });
});
