import { cutCapFen, cyclesOf, type Cycle, type Grade, type ProjectState, type ResultDecision } from '@jixiao/domain';

/**
 * What one fiscal year 预算年度 of a project came to: its grade, the result applied, the
 * cuts decided, the cap its allocation was held to, and the cap it hands the next year.
 * Money in integer fen.
 */
export interface YearOutcome {
  /** Grade of the evaluation the year's result rests on, else of its last evaluation that drives results; null before any. */
  readonly grade: Grade | null;
  /** The result applied 结果应用 (prioritise, maintain, reduce, adjust-use, suspend, cancel); null before any. */
  readonly result: ResultDecision | null;
  /** Cuts decided in the year 预算削减: how many, and the sum of their recorded amounts (fen). */
  readonly cuts: { readonly count: number; readonly fen: number };
  /** The year's allocation 预算批复, fen (0 until allocated). */
  readonly allocatedFen: number;
  /** The cap 削减后上限 the year's allocation was held to (the year before's budget less its cuts), fen; null in a first year. */
  readonly capFen: number | null;
  /** How far the allocation went above that cap (an exception 例外), fen; 0 within it. */
  readonly aboveCapFen: number;
  /** The cap the year hands the next: its budget in force less its cuts (the domain's cutCapFen), fen. */
  readonly nextCapFen: number;
}

/** One fiscal year under the history as it happened and under the other rulebook; null where that history never reached the year. */
export interface YearComparison {
  readonly fiscalYear: number;
  readonly actual: YearOutcome | null;
  readonly whatIf: YearOutcome | null;
  readonly differs: boolean;
}

function outcomeOf(cycle: Cycle): YearOutcome {
  const driving = cycle.evaluations.filter((e) => e.drivesResults);
  const evaluation = driving.find((e) => e.evaluationId === cycle.result?.evaluationId) ?? driving.at(-1);
  const capFen = cycle.carriedOver?.capFen ?? null;
  return {
    grade: evaluation?.grade ?? null,
    result: cycle.result?.decision ?? null,
    cuts: { count: cycle.cuts.length, fen: cycle.cuts.reduce((sum, cut) => sum + cut.amountFen, 0) },
    allocatedFen: cycle.allocatedFen,
    capFen,
    aboveCapFen: capFen === null ? 0 : Math.max(0, cycle.allocatedFen - capFen),
    nextCapFen: cutCapFen(cycle),
  };
}

/** Each fiscal year either state lived, oldest first; with `fiscalYear`, that year only. */
export function compareYears(actual: ProjectState, whatIf: ProjectState, fiscalYear: number | null): YearComparison[] {
  const years = new Map<number, { actual: YearOutcome | null; whatIf: YearOutcome | null }>();
  const entry = (year: number) => years.get(year) ?? years.set(year, { actual: null, whatIf: null }).get(year)!;
  for (const cycle of cyclesOf(actual)) entry(cycle.fiscalYear).actual = outcomeOf(cycle);
  for (const cycle of cyclesOf(whatIf)) entry(cycle.fiscalYear).whatIf = outcomeOf(cycle);
  return [...years.entries()]
    .filter(([year]) => fiscalYear === null || year === fiscalYear)
    .sort(([a], [b]) => a - b)
    .map(([year, { actual: a, whatIf: w }]) => ({ fiscalYear: year, actual: a, whatIf: w, differs: JSON.stringify(a) !== JSON.stringify(w) }));
}
