/**
 * Recomputation is not a tautology: for any lifecycle, every submitted self-evaluation sheet
 * is recomputed from the events alone by a second, naive implementation written here — a
 * direct transcription of the rule text (财预〔2020〕10号; pmkpi), with its own
 * fractions and its own rounding — and the points must agree to the cent.
 */
import fc from 'fast-check';
import type { ProjectEvent } from '../events.js';
import type { Rulebook } from '../../rulebook/rulebook.js';
import { nationalRulebook2020 } from '../../rulebook/national-2020.js';
import { run, stepsArb } from '../../testing/arbitrary-lifecycle.js';
import { decide } from '../decider.js';
import type { IndicatorDefinition } from '../goals/indicator.js';
import type { SubmittedSheet } from './events.js';

// ---- naive fractions: [numerator, denominator], denominator > 0, never reduced ----
type F = readonly [bigint, bigint];
const fraction = (x: number): F => {
  const [mantissa, exponent = '0'] = String(x).toLowerCase().split('e') as [string, string?];
  const negative = mantissa.startsWith('-');
  const [whole, decimals = ''] = (negative ? mantissa.slice(1) : mantissa).split('.') as [string, string?];
  let n = BigInt(whole + decimals);
  let d = 10n ** BigInt(decimals.length);
  const e = Number(exponent);
  if (e >= 0) n *= 10n ** BigInt(e);
  else d *= 10n ** BigInt(-e);
  return [negative ? -n : n, d];
};
const plus = (a: F, b: F): F => [a[0] * b[1] + b[0] * a[1], a[1] * b[1]];
const minus = (a: F, b: F): F => [a[0] * b[1] - b[0] * a[1], a[1] * b[1]];
const times = (a: F, b: F): F => [a[0] * b[0], a[1] * b[1]];
const over = (a: F, b: F): F => (b[0] < 0n ? [-a[0] * b[1], -a[1] * b[0]] : [a[0] * b[1], a[1] * b[0]]);
const atLeast = (a: F, b: F): boolean => a[0] * b[1] >= b[0] * a[1];
const lessThan = (a: F, b: F): boolean => !atLeast(a, b);
const ZERO: F = [0n, 1n];
const ONE: F = [1n, 1n];
/** 四舍五入 to hundredths: floor(x × 100 + 1/2), for x ≥ 0 (every score here is). */
const cents = (a: F): bigint => {
  const [n, d] = a;
  return (2n * n * 100n + d) / (2n * d);
};
const centsOf = (x: number): bigint => cents(fraction(x));

interface Options {
  lower: 'lower.target-over-actual' | 'lower.linear-to-twice-target';
  line: number;
  deduction: 'none' | 'proportional';
}

/** The rule text, row by row. Returns hundredths. */
const naiveRowCents = (direction: string, t: F, a: F, P: F, o: Options): { cents: bigint; flagged: boolean } => {
  // "A target of 0 always uses the target-0 formula": full points if the actual is ≤ 0, else 0.
  if (t[0] === 0n) return { cents: atLeast(ZERO, a) ? cents(P) : 0n, flagged: false };
  if (direction === 'higher-is-better') {
    // actual ÷ target × points, capped at the points
    const ratio = over(a, t);
    let score = atLeast(ratio, ONE) ? P : atLeast(ratio, ZERO) ? times(ratio, P) : ZERO;
    const flagged = atLeast(ratio, fraction(o.line));
    // proportional: reduced by (actual ÷ target − line) × points, never below 0
    if (flagged && o.deduction === 'proportional') {
      score = minus(score, times(minus(ratio, fraction(o.line)), P));
      if (lessThan(score, ZERO)) score = ZERO;
    }
    return { cents: cents(score), flagged };
  }
  // lower-is-better at an actual ≤ the target gives full points
  if (atLeast(t, a)) return { cents: cents(P), flagged: false };
  if (o.lower === 'lower.target-over-actual') return { cents: cents(times(over(t, a), P)), flagged: false };
  // 1 − (actual − target) ÷ target, which reaches 0 at twice the target
  if (atLeast(a, times([2n, 1n], t))) return { cents: 0n, flagged: false };
  return { cents: cents(times(minus(ONE, over(minus(a, t), t)), P)), flagged: false };
};

/** Replays the history the naive way and checks a submitted sheet against it. */
const checkAgainstNaive = (history: readonly ProjectEvent[], sheet: SubmittedSheet, rulebook: Rulebook, stored: { totalScore: number; grade: string }) => {
  let indicators: IndicatorDefinition[] = [];
  const adjusted = new Map<string, number>();
  const latest = new Map<string, { period: string; value: number; readingId: string }>();
  let budget = 0;
  let spent = 0;
  for (const event of history) {
    const d = event.data as Record<string, any>;
    if (event.type === 'PerformanceGoalSet') (indicators = d['indicators']), adjusted.clear();
    // A new fiscal year starts afresh: its own goals, readings, budget and spending.
    if (event.type === 'CycleOpened') (indicators = d['indicators']), adjusted.clear(), latest.clear(), (budget = 0), (spent = 0);
    if (event.type === 'TargetAdjusted') adjusted.set(d['indicatorId'], d['adjustedTarget']);
    if (event.type === 'MonitoringReadingRecorded' && typeof d['value'] === 'number') {
      const before = latest.get(d['indicatorId']);
      if (!before || d['period'] >= before.period) latest.set(d['indicatorId'], { period: d['period'], value: d['value'], readingId: d['readingId'] });
    }
    if (event.type === 'BudgetAllocated') budget = d['amountFen'];
    if (event.type === 'BudgetAdjusted') budget = d['adjustedBudgetFen'];
    if (event.type === 'ExpenditureRecorded') spent += d['amountFen'];
  }
  const o: Options = {
    lower: sheet.rules.lowerIsBetterFormula,
    line: sheet.rules.overAchievementLine,
    deduction: sheet.rules.overAchievementDeduction,
  };
  // 分值: (100 − execution weight) × level weight ÷ used level weights × weight ÷ level's weights
  const w = rulebook.selfEvaluationWeights;
  const levelWeight: Record<string, number> = { output: w.output, benefit: w.benefit, satisfaction: w.satisfaction };
  const used = [...new Set(indicators.map((i) => i.level))];
  const usedWeight = used.reduce<F>((s, l) => plus(s, fraction(levelWeight[l]!)), ZERO);
  const inLevel = (level: string) => indicators.filter((i) => i.level === level).reduce<F>((s, i) => plus(s, fraction(i.weight)), ZERO);

  let total = 0n;
  expect(sheet.rows.map((r) => r.indicatorId)).toEqual(indicators.map((i) => i.indicatorId));
  for (const [k, i] of indicators.entries()) {
    const row = sheet.rows[k]!;
    const P = times(minus(fraction(100), fraction(w.executionRate)), times(over(fraction(levelWeight[i.level]!), usedWeight), over(fraction(i.weight), inLevel(i.level))));
    expect(centsOf(row.maxPoints)).toBe(cents(P));
    if (i.comparator === 'qualitative') {
      expect(row.formulaId).toBe('qualitative.three-tiers');
      // The pick must lie in its tier: 达成 [80%, 100%], 部分达成 [60%, 80%), 未达成 [0, 60%).
      const share = over(fraction(row.points!), P);
      const tier = atLeast(share, [4n, 5n]) ? 'achieved' : atLeast(share, [3n, 5n]) ? 'partly-achieved' : 'not-achieved';
      expect(row.tier).toBe(tier);
      total += centsOf(row.points!);
      continue;
    }
    const target = adjusted.get(i.indicatorId) ?? (i.target as number);
    expect(row.target).toBe(target);
    const reading = latest.get(i.indicatorId);
    // The actual: the latest cumulative reading, unless one was entered at year end (an input the event keeps).
    const actual = row.actualSource === 'year-end' ? row.actual! : reading!.value;
    if (row.actualSource === 'reading') expect([row.actual, row.readingId]).toEqual([reading!.value, reading!.readingId]);
    const naive = naiveRowCents(i.direction, fraction(target), fraction(actual), P, o);
    expect(centsOf(row.computedPoints!)).toBe(naive.cents);
    expect(row.overAchieved).toBe(naive.flagged);
    // Declared points: the computed ones, unless overridden with a reason.
    if (row.overridden) expect(row.overrideReason).toEqual(expect.any(String));
    else expect(centsOf(row.points!)).toBe(naive.cents);
    total += centsOf(row.points!);
  }
  // 执行率得分 = min(1, spent ÷ budget) × weight; no budget earns 0.
  const rate = budget <= 0 ? ZERO : atLeast(fraction(spent), fraction(budget)) ? ONE : over(fraction(spent), fraction(budget));
  const executionCents = cents(times(rate, fraction(w.executionRate)));
  expect(centsOf(sheet.executionRatePoints)).toBe(executionCents);
  total += executionCents;
  // The total is the exact sum of the rounded rows; the grade compares it with the bands.
  expect(centsOf(stored.totalScore)).toBe(total);
  const band = [...rulebook.gradeBands].sort((a, b) => b.min - a.min).find((b) => total * 100n >= centsOf(b.min) * 100n);
  expect(stored.grade).toBe(band!.grade);
};

const optionsArb = fc.record({
  lowerIsBetterFormula: fc.constantFrom('lower.target-over-actual' as const, 'lower.linear-to-twice-target' as const),
  overAchievementLine: fc.constantFrom(1.05, 1.2, 1.25, 1.5),
  overAchievementDeduction: fc.constantFrom('none' as const, 'proportional' as const),
});

describe('a submitted self-evaluation sheet is recomputable from the events alone', () => {
  it('for any lifecycle and any rulebook options, a naive transcription of the rules gives the same points, total and grade', () => {
    let sheets = 0;
    fc.assert(
      fc.property(stepsArb, optionsArb, (steps, options) => {
        const rulebook: Rulebook = { ...nationalRulebook2020, version: 9, selfEvaluation: options };
        run(steps, ({ before, command, context, decision }, accepted) => {
          if (command.type !== 'ScoreEvaluation' || command.kind !== 'self') return;
          const history = decision.ok ? accepted.slice(0, accepted.length - decision.events.length) : [...accepted];
          // The sheet as recorded in the stream, then the same submission under the generated options.
          const again = decide(command, before, { ...context, rulebook });
          for (const [outcome, rb] of [[decision, context.rulebook], [again, rulebook]] as const) {
            if (!outcome.ok) continue;
            const data = outcome.events[0]!.data as { sheet: SubmittedSheet; totalScore: number; grade: string };
            checkAgainstNaive(history, data.sheet, rb, data);
            sheets += 1;
          }
        });
      }),
      // 800: the generator also opens later fiscal years, so fewer runs reach a sheet.
      { numRuns: 800 },
    );
    // Not vacuous: sheets were submitted and checked.
    expect(sheets).toBeGreaterThan(60);
  });
});
