import type { DomainEvent } from '../../shared/domain-event.js';
import type { Fen } from '../../shared/money.js';
import type { IndicatorDefinition } from '../goals/indicator.js';
import { initialProjectState, type ProjectState } from '../state.js';
import { CYCLE_FIELDS, currentCycle, type CarriedOver, type Cycle } from './cycle.js';

/**
 * The department asked for the next fiscal year of a continuing project 延续性项目申报:
 * that year's annual goals and the amount requested. `carriedOver` records what the year
 * before decided (result, cuts with their recorded amounts, the cap, open rectifications),
 * so the next allocation reads recorded facts and never recomputes them. The new year's
 * goals await finance's review, as a first year's do.
 */
export type CycleOpened = DomainEvent<
  'CycleOpened',
  {
    fiscalYear: number;
    overallGoal: string;
    indicators: IndicatorDefinition[];
    requestedFen: Fen;
    carriedOver: CarriedOver;
    openedAt: string;
  }
>;

/**
 * The allocation of year N+1 applied year N's cuts 削减落实, written with its BudgetAllocated:
 * every cut it applied, the cap, and, when the allocation exceeds the cap, the reason
 * given (an exception 例外 the accountability ledger shows).
 */
export type PriorCutsApplied = DomainEvent<
  'PriorCutsApplied',
  {
    fiscalYear: number;
    fromFiscalYear: number;
    cutIds: string[];
    cutTotalFen: Fen;
    capFen: Fen;
    allocatedFen: Fen;
    exceptionReason: string | null;
    appliedAt: string;
  }
>;

/** Medium-term goals 中期目标 were set (or replaced) for the implementation period. */
export type MediumTermGoalsSet = DomainEvent<
  'MediumTermGoalsSet',
  { startYear: number; endYear: number; overallGoal: string; indicators: string[]; setAt: string }
>;

/** A mid-term evaluation 中期评价 was ordered at mid-life (10号), by the workflow's timer. */
export type MidTermEvaluationOrdered = DomainEvent<'MidTermEvaluationOrdered', { midLifeAt: string; fiscalYear: number; orderedAt: string }>;

/** A year's fields as a project starts them. */
const freshYear = Object.fromEntries(CYCLE_FIELDS.map((field) => [field, initialProjectState[field]])) as Cycle;

export type CycleEvent = CycleOpened | PriorCutsApplied | MediumTermGoalsSet | MidTermEvaluationOrdered;

export const evolveCycles = {
  CycleOpened: (state: ProjectState, { data }: CycleOpened): ProjectState => ({
    ...state,
    previousCycles: [...state.previousCycles, currentCycle(state)],
    // Every field of a year starts afresh; the project's own fields stay.
    ...freshYear,
    fiscalYear: data.fiscalYear,
    stage: 'goals-submitted',
    requestedFen: data.requestedFen,
    goalsRevision: 1,
    indicators: data.indicators.map((i) => ({ ...i, startOfYearTarget: i.target, adjustedTarget: null })),
    // An unverified rectification stays the project's obligation into the next year.
    rectifications: state.rectifications.filter((r) => r.status !== 'verified'),
    carriedOver: data.carriedOver,
  }),
  PriorCutsApplied: (state: ProjectState, { data }: PriorCutsApplied): ProjectState => ({
    ...state,
    cutsApplied: {
      capFen: data.capFen,
      allocatedFen: data.allocatedFen,
      cutIds: data.cutIds,
      cutTotalFen: data.cutTotalFen,
      exceptionReason: data.exceptionReason,
    },
  }),
  MediumTermGoalsSet: (state: ProjectState, { data }: MediumTermGoalsSet): ProjectState => ({
    ...state,
    mediumTermGoals: { startYear: data.startYear, endYear: data.endYear, overallGoal: data.overallGoal, indicators: data.indicators },
  }),
  MidTermEvaluationOrdered: (state: ProjectState, { data }: MidTermEvaluationOrdered): ProjectState => ({
    ...state,
    midTermEvaluation: { midLifeAt: data.midLifeAt, orderedAt: data.orderedAt, fiscalYear: data.fiscalYear },
  }),
};
