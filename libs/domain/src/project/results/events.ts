import type { ResultDecision, RulebookRef } from '../../rulebook/rulebook.js';
import type { Grade } from '../../scoring/grade.js';
import type { DomainEvent } from '../../shared/domain-event.js';
import type { Fen } from '../../shared/money.js';
import type { ProjectState } from '../state.js';

/**
 * What justified a cut or an accountability action: an evaluation's grade, or a
 * rectification left undone past its deadline. Consequences always name their cause.
 */
export type Cause = { kind: 'evaluation'; evaluationId: string } | { kind: 'rectification'; rectificationId: string };

type ResultData = { evaluationId: string; grade: Grade; note: string | null; appliedAt: string; rulebook: RulebookRef };

/** Result application 结果应用: 优先保障 prioritised, 维持 maintained, 暂停 suspended (不予安排), 取消 cancelled. */
export type ProjectPrioritised = DomainEvent<'ProjectPrioritised', ResultData>;
export type ProjectMaintained = DomainEvent<'ProjectMaintained', ResultData>;
export type ProjectSuspended = DomainEvent<'ProjectSuspended', ResultData>;
export type ProjectCancelled = DomainEvent<'ProjectCancelled', ResultData>;
/** 差 under 10号: continued next year at a reduced amount 核减后继续安排 (the cut is a BudgetCut of its own). */
export type ProjectReduced = DomainEvent<'ProjectReduced', ResultData>;
/** 差 under 10号: the use of the funds is adjusted 调整用途. */
export type ProjectUseAdjusted = DomainEvent<'ProjectUseAdjusted', ResultData>;

export const RESULT_EVENT_TYPE = {
  prioritise: 'ProjectPrioritised',
  maintain: 'ProjectMaintained',
  suspend: 'ProjectSuspended',
  cancel: 'ProjectCancelled',
  reduce: 'ProjectReduced',
  'adjust-use': 'ProjectUseAdjusted',
} as const satisfies Record<ResultDecision, string>;

/**
 * A budget cut 预算削减. It lowers the next budget cycle's base, so this year's budget in
 * force is unchanged; `baseFen` and `proportion` show how the amount was reached.
 */
export type BudgetCut = DomainEvent<
  'BudgetCut',
  { cutId: string; cause: Cause; grade: Grade | null; baseFen: Fen; proportion: number; amountFen: Fen; cutAt: string; rulebook: RulebookRef }
>;

/** An incentive 激励 for a good performer. */
export type IncentiveGranted = DomainEvent<
  'IncentiveGranted',
  { incentiveId: string; evaluationId: string; grade: Grade; measure: string; grantedAt: string; rulebook: RulebookRef }
>;

export type ResultsEvent =
  | ProjectPrioritised
  | ProjectMaintained
  | ProjectSuspended
  | ProjectCancelled
  | ProjectReduced
  | ProjectUseAdjusted
  | BudgetCut
  | IncentiveGranted;

const applied =
  (decision: ResultDecision) =>
  (state: ProjectState, { data }: { data: ResultData }): ProjectState => ({
    ...state,
    stage: 'results',
    result: { decision, evaluationId: data.evaluationId },
  });

export const evolveResults = {
  ProjectPrioritised: applied('prioritise'),
  ProjectMaintained: applied('maintain'),
  ProjectSuspended: applied('suspend'),
  ProjectCancelled: applied('cancel'),
  ProjectReduced: applied('reduce'),
  ProjectUseAdjusted: applied('adjust-use'),
  BudgetCut: (state: ProjectState, { data }: BudgetCut): ProjectState => ({
    ...state,
    cuts: [...state.cuts, { cutId: data.cutId, cause: data.cause, proportion: data.proportion, amountFen: data.amountFen, rulebook: data.rulebook }],
  }),
  IncentiveGranted: (state: ProjectState, { data }: IncentiveGranted): ProjectState => ({
    ...state,
    incentiveIds: [...state.incentiveIds, data.incentiveId],
  }),
};
