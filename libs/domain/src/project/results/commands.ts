import { rulebookRef, type ResultDecision, resultPolicyFor } from '../../rulebook/rulebook.js';
import { accept, refuse } from '../../shared/decision.js';
import { DomainError, invariant } from '../../shared/domain-error.js';
import { isNonEmptyText } from '../../shared/time.js';
import type { Grade } from '../../scoring/grade.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import { makeEvent } from '../make-event.js';
import type { ProjectState } from '../state.js';
import { overdueRectification, resultDrivingEvaluation } from './causes.js';
import { RESULT_EVENT_TYPE, type Cause } from './events.js';
import { takenInEarlierYear } from '../cycles/cycle.js';

export interface ApplyResult {
  type: 'ApplyResult';
  evaluationId: string;
  decision: ResultDecision;
  note?: string;
}

/** Cut the budget; the amount follows from the cause and the rulebook's proportion. */
export interface CutBudget {
  type: 'CutBudget';
  cutId: string;
  cause: Cause;
}

export interface GrantIncentive {
  type: 'GrantIncentive';
  incentiveId: string;
  evaluationId: string;
  /** What the incentive is (priority in next year's budget, a commendation). */
  measure: string;
}

export const decideApplyResult = (c: ApplyResult, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  const evaluation = resultDrivingEvaluation(state, c.evaluationId, 'result');
  if (evaluation instanceof DomainError) return refuse(evaluation);
  const policy = resultPolicyFor(ctx.rulebook, evaluation.grade);
  if (!(c.decision in RESULT_EVENT_TYPE) || !policy.decisions.includes(c.decision)) {
    return refuse(
      invariant(
        'result.decision-not-allowed-for-grade',
        `Grade ${evaluation.grade} allows: ${policy.decisions.join(', ')}.`,
        `该等级允许的结果应用方式：${policy.decisions.join('、')}。`,
        { grade: evaluation.grade, allowed: policy.decisions },
      ),
    );
  }
  return accept(
    makeEvent(RESULT_EVENT_TYPE[c.decision], {
      evaluationId: c.evaluationId,
      grade: evaluation.grade,
      note: c.note ?? null,
      appliedAt: ctx.now,
      rulebook: rulebookRef(ctx.rulebook),
    }),
  );
};

const sameCause = (a: Cause, b: Cause): boolean =>
  a.kind === 'evaluation' && b.kind === 'evaluation'
    ? a.evaluationId === b.evaluationId
    : a.kind === 'rectification' && b.kind === 'rectification' && a.rectificationId === b.rectificationId;

export const decideCutBudget = (c: CutBudget, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (!isNonEmptyText(c.cutId)) return refuse(invariant('cut.id-required', 'A cut needs an id.', '削减须有标识。'));
  if (state.cuts.some((cut) => cut.cutId === c.cutId) || takenInEarlierYear(state, 'cut', c.cutId)) {
    return refuse(invariant('cut.duplicate-id', `Cut ${c.cutId} already exists.`, `削减 ${c.cutId} 已存在。`));
  }
  if (c.cause?.kind !== 'evaluation' && c.cause?.kind !== 'rectification') {
    return refuse(
      invariant('cut.cause-required', 'A cut must name the evaluation or the overdue rectification that caused it.', '预算削减须注明依据的评价或逾期整改。'),
    );
  }
  if ([...state.previousCycles, state].some((year) => year.cuts.some((cut) => sameCause(cut.cause, c.cause)))) {
    return refuse(invariant('cut.cause-already-used', 'This cause already led to a cut.', '该依据已用于削减。'));
  }
  let proportion: number;
  let grade: Grade | null = null;
  if (c.cause.kind === 'evaluation') {
    const evaluation = resultDrivingEvaluation(state, c.cause.evaluationId, 'cut');
    if (evaluation instanceof DomainError) return refuse(evaluation);
    grade = evaluation.grade;
    proportion = resultPolicyFor(ctx.rulebook, evaluation.grade).cutProportion;
  } else {
    const rectification = overdueRectification(state, c.cause.rectificationId, ctx.now, 'cut');
    if (rectification instanceof DomainError) return refuse(rectification);
    proportion = ctx.rulebook.overdueRectificationCutProportion;
  }
  if (proportion <= 0) {
    return refuse(
      invariant('cut.not-warranted', 'The rulebook sets no cut for this cause.', '依据规则库，该情形不予削减。', { grade }),
    );
  }
  const baseFen = state.adjustedBudgetFen;
  return accept(
    makeEvent('BudgetCut', {
      cutId: c.cutId,
      cause: c.cause,
      grade,
      baseFen,
      proportion,
      amountFen: Math.round(baseFen * proportion),
      cutAt: ctx.now,
      rulebook: rulebookRef(ctx.rulebook),
    }),
  );
};

export const decideGrantIncentive = (c: GrantIncentive, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (!isNonEmptyText(c.incentiveId) || !isNonEmptyText(c.measure)) {
    return refuse(invariant('incentive.fields-required', 'An incentive needs an id and a measure.', '激励须有标识和措施。'));
  }
  if (state.incentiveIds.includes(c.incentiveId) || takenInEarlierYear(state, 'incentive', c.incentiveId)) {
    return refuse(invariant('incentive.duplicate-id', `Incentive ${c.incentiveId} already exists.`, `激励 ${c.incentiveId} 已存在。`));
  }
  const evaluation = resultDrivingEvaluation(state, c.evaluationId, 'incentive');
  if (evaluation instanceof DomainError) return refuse(evaluation);
  if (!resultPolicyFor(ctx.rulebook, evaluation.grade).incentiveEligible) {
    return refuse(
      invariant('incentive.grade-not-eligible', `Grade ${evaluation.grade} does not qualify for an incentive.`, '该评价等级不符合激励条件。', {
        grade: evaluation.grade,
      }),
    );
  }
  return accept(
    makeEvent('IncentiveGranted', {
      incentiveId: c.incentiveId,
      evaluationId: c.evaluationId,
      grade: evaluation.grade,
      measure: c.measure,
      grantedAt: ctx.now,
      rulebook: rulebookRef(ctx.rulebook),
    }),
  );
};
