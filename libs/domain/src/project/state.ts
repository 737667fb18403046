import type { RulebookRef, ResultDecision } from '../rulebook/rulebook.js';
import type { DeviationLevel, Likelihood } from '../deviation/check-deviation.js';
import type { Grade } from '../scoring/grade.js';
import type { Fen } from '../shared/money.js';
import type { Indicator } from './goals/indicator.js';
import type { StageOrNone } from './stages.js';
import type { ProjectCategory } from './proposal/events.js';
import type { DeviationCause, DeviationSubject } from './monitoring/events.js';
import type { EvaluationKind, EvaluationMethod, IndicatorScore } from './evaluation/events.js';
import type { Cause } from './results/events.js';
import type { Completion, SubjectLight } from '../lights/light.js';
import type { CarriedOver, Cycle, CutsApplied, MediumTermGoals, MidTermEvaluation } from './cycles/cycle.js';

/** A monitoring reading 监控数据 as the project keeps it. */
export interface Reading {
  readingId: string;
  indicatorId: string;
  period: string;
  value: number | null;
  unit: string | null;
  likelihood: Likelihood | null;
  /** Observed completion of a qualitative indicator; absent when none was stated (so older states fold unchanged). */
  completion?: Completion;
}

/** One expenditure's business date and amount: budget execution is judged as of a date. */
export interface Spending {
  spentOn: string;
  amountFen: Fen;
}

/**
 * A deviation 偏差 (a warning light, yellow or red) and its handling: flagged → explained
 * → resolved, possibly escalated; raised or lowered as later data arrive; cleared when the
 * data recover, keeping its history (a cleared warning never explained is "cleared unexplained").
 */
export interface Deviation {
  deviationId: string;
  subject: DeviationSubject;
  level: Exclude<DeviationLevel, 'none'>;
  expected: number | null;
  gap: number;
  flaggedAt: string;
  status: 'open' | 'explained' | 'resolved' | 'cleared';
  escalated: boolean;
  explanation: { cause: DeviationCause; causeDetail: string | null; measures: string; likelihood: Likelihood } | null;
}

export interface Evaluation {
  evaluationId: string;
  kind: EvaluationKind;
  evaluatorId: string;
  method: EvaluationMethod | null;
  indicatorScores: IndicatorScore[];
  executionRate: number;
  totalScore: number;
  grade: Grade;
  /** A self-evaluation 自评 informs but never drives result application. */
  drivesResults: boolean;
  rulebook: RulebookRef;
}

/** Rectification 整改: ordered with a deadline, reported by the department, verified by finance. */
export interface Rectification {
  rectificationId: string;
  evaluationId: string | null;
  issues: string;
  orderedAt: string;
  deadline: string;
  status: 'ordered' | 'reported' | 'verified';
}

/** A budget cut 预算削减 and the cause that justified it. */
export interface Cut {
  cutId: string;
  cause: Cause;
  proportion: number;
  amountFen: Fen;
  rulebook: RulebookRef;
}

export interface ProjectState {
  exists: boolean;
  projectId: string;
  department: string;
  fiscalYear: number;
  title: string;
  category: ProjectCategory | null;
  stage: StageOrNone;
  requestedFen: Fen;
  /** How many times goals were submitted (1 on first submission, +1 per revision). */
  goalsRevision: number;
  goalsReviewGrade: Grade | null;
  indicators: Indicator[];
  admissionScore: number | null;
  allocatedFen: Fen;
  /** The budget in force: the allocation, or the latest adjustment 预算调整. */
  adjustedBudgetFen: Fen;
  spentFen: Fen;
  budgetAdjustments: number;
  expenditureIds: string[];
  /** Every expenditure's `spentOn` and amount, in the order recorded. */
  spending: Spending[];
  readings: Reading[];
  /** Periods flagged as missing a reading, as "indicatorId@period". */
  overdueReadings: string[];
  deviations: Deviation[];
  /** The monitoring light of each subject (each indicator, budget execution) as last judged. */
  lights: SubjectLight[];
  /** Evaluators 评价主体 assigned to this project (third-party institutions, finance staff). */
  evaluators: string[];
  evaluations: Evaluation[];
  result: { decision: ResultDecision; evaluationId: string } | null;
  cuts: Cut[];
  incentiveIds: string[];
  accountabilityActionIds: string[];
  rectifications: Rectification[];
  closed: boolean;
  /** Fiscal years before the current one, oldest first; the fields above are the current year (`cyclesOf` gives all). */
  previousCycles: Cycle[];
  /** What the year before left this one: result, cuts, cap, open rectifications (null in a first year). */
  carriedOver: CarriedOver | null;
  /** How this year's allocation applied the year before's cuts (null until allocated, or in a first year). */
  cutsApplied: CutsApplied | null;
  /** Medium-term goals 中期目标 for the implementation period, at project level (null until set). */
  mediumTermGoals: MediumTermGoals | null;
  /** The mid-term evaluation 中期评价 order, once the timer gave it. */
  midTermEvaluation: MidTermEvaluation | null;
}

export const initialProjectState: ProjectState = {
  exists: false,
  projectId: '',
  department: '',
  fiscalYear: 0,
  title: '',
  category: null,
  stage: 'none',
  requestedFen: 0,
  goalsRevision: 0,
  goalsReviewGrade: null,
  indicators: [],
  admissionScore: null,
  allocatedFen: 0,
  adjustedBudgetFen: 0,
  spentFen: 0,
  budgetAdjustments: 0,
  expenditureIds: [],
  spending: [],
  readings: [],
  overdueReadings: [],
  deviations: [],
  lights: [],
  evaluators: [],
  evaluations: [],
  result: null,
  cuts: [],
  incentiveIds: [],
  accountabilityActionIds: [],
  rectifications: [],
  closed: false,
  previousCycles: [],
  carriedOver: null,
  cutsApplied: null,
  mediumTermGoals: null,
  midTermEvaluation: null,
};

/** Deviations still awaiting resolution: neither resolved by a person nor cleared by the data. */
export const openDeviations = (state: ProjectState): Deviation[] =>
  state.deviations.filter((d) => d.status !== 'resolved' && d.status !== 'cleared');

/** Rectifications not yet verified as done. */
export const openRectifications = (state: ProjectState): Rectification[] =>
  state.rectifications.filter((r) => r.status !== 'verified');

/**
 * Overdue 逾期: past the deadline and not reported (or the report was sent back).
 * A reported rectification awaiting verification is not the department's delay.
 */
export const isRectificationOverdue = (r: Rectification, now: string): boolean =>
  r.status === 'ordered' && Date.parse(now) > Date.parse(r.deadline);

export const findIndicator = (state: ProjectState, indicatorId: string): Indicator | undefined =>
  state.indicators.find((i) => i.indicatorId === indicatorId);
