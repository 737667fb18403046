import type { ResultDecision } from '../../rulebook/rulebook.js';
import type { Fen } from '../../shared/money.js';
import type { ProjectState } from '../state.js';

/**
 * The fields of a project's state that belong to one fiscal year 预算年度: annual goals
 * 年度目标, budget, monitoring, evaluations, result, cuts and rectifications. Everything
 * else (id, department, title, category, medium-term goals, accountability) belongs to
 * the project's whole life.
 */
export const CYCLE_FIELDS = [
  'fiscalYear',
  'stage',
  'requestedFen',
  'goalsRevision',
  'goalsReviewGrade',
  'indicators',
  'admissionScore',
  'allocatedFen',
  'adjustedBudgetFen',
  'spentFen',
  'budgetAdjustments',
  'expenditureIds',
  'spending',
  'readings',
  'overdueReadings',
  'deviations',
  'lights',
  'evaluators',
  'evaluations',
  'result',
  'cuts',
  'incentiveIds',
  'rectifications',
  'carriedOver',
  'cutsApplied',
] as const satisfies readonly (keyof ProjectState)[];

/**
 * One fiscal year of a continuing project 延续性项目. The state keeps the current year in
 * its top-level fields, so every stage's rules read it unchanged, and the years before in
 * `previousCycles`; `cyclesOf` gives all of them, oldest first.
 */
export type Cycle = Pick<ProjectState, (typeof CYCLE_FIELDS)[number]>;

/**
 * What year N hands to year N+1 when the next cycle opens (R25–R27, the cross-year gap):
 * the result decision, the cuts with their recorded amounts, and the rectifications still
 * open. `capFen` is year N's adjusted budget minus the sum of its cuts' `amountFen`.
 */
export interface CarriedOver {
  fromFiscalYear: number;
  resultDecision: ResultDecision | null;
  resultEvaluationId: string | null;
  /** Year N's budget in force 调整后预算, fen. */
  adjustedBudgetFen: Fen;
  /** Every cut decided in year N, with the amount BudgetCut recorded (fen). */
  cuts: { cutId: string; amountFen: Fen }[];
  cutTotalFen: Fen;
  /** The cut cap 削减后上限 for year N+1, fen. */
  capFen: Fen;
  openRectificationIds: string[];
}

/** How a year's allocation applied the year before's cuts: the cap, the cuts, and any exception. */
export interface CutsApplied {
  capFen: Fen;
  allocatedFen: Fen;
  cutIds: string[];
  cutTotalFen: Fen;
  /** The reason stated for allocating above the cap 超限理由; null when within it. */
  exceptionReason: string | null;
}

/**
 * Medium-term goals 中期目标 (财预〔2020〕10号; 88号: 中期目标 and 年度目标): set at project
 * level for the whole implementation period 实施期, which the annual goals serve.
 */
export interface MediumTermGoals {
  /** First and last fiscal year of the implementation period, inclusive. */
  startYear: number;
  endYear: number;
  overallGoal: string;
  /** Medium-term indicators in words (e.g. "覆盖 120 个行政村"). */
  indicators: string[];
}

/**
 * A mid-term evaluation 中期评价: 10号 requires one for a project of five years or more
 * ("实施期5年及以上的项目，应适时开展中期和实施期后绩效评价"); a timer orders it at mid-life.
 */
export interface MidTermEvaluation {
  /** The mid-life instant (ISO-8601 UTC) the order was due at. */
  midLifeAt: string;
  orderedAt: string;
  fiscalYear: number;
}

/** The current year's cycle, read from the state's top-level fields. */
export const currentCycle = (state: ProjectState): Cycle =>
  Object.fromEntries(CYCLE_FIELDS.map((field) => [field, state[field]])) as Cycle;

/** Every cycle of the project's life, oldest first; the last is the current one. */
export const cyclesOf = (state: ProjectState): Cycle[] => (state.exists ? [...state.previousCycles, currentCycle(state)] : []);

/** The cycle of one fiscal year, if the project lived it. */
export const cycleOf = (state: ProjectState, fiscalYear: number): Cycle | undefined => cyclesOf(state).find((c) => c.fiscalYear === fiscalYear);

/**
 * The cut cap 削减后上限 for the next year, in integer fen: the budget in force minus the
 * sum of the recorded `amountFen` of every cut decided this year (never recomputed).
 * Never below 0.
 */
export const cutCapFen = (state: Pick<ProjectState, 'adjustedBudgetFen' | 'cuts'>): Fen =>
  Math.max(0, state.adjustedBudgetFen - state.cuts.reduce((sum, cut) => sum + cut.amountFen, 0));

/** Ids a year's records take; an id once used stays taken for the project's whole life. */
const TAKEN_IDS = {
  expenditure: (c: Cycle) => c.expenditureIds,
  reading: (c: Cycle) => c.readings.map((r) => r.readingId),
  deviation: (c: Cycle) => c.deviations.map((d) => d.deviationId),
  evaluation: (c: Cycle) => c.evaluations.map((e) => e.evaluationId),
  cut: (c: Cycle) => c.cuts.map((cut) => cut.cutId),
  incentive: (c: Cycle) => c.incentiveIds,
  rectification: (c: Cycle) => c.rectifications.map((r) => r.rectificationId),
} as const;

/**
 * Whether an earlier fiscal year already used this id, so a client id names one record
 * across the project's life (the ledger and history key on it). The current year checks
 * its own lists as before.
 */
export const takenInEarlierYear = (state: ProjectState, kind: keyof typeof TAKEN_IDS, id: string): boolean =>
  state.previousCycles.some((cycle) => TAKEN_IDS[kind](cycle).includes(id));
