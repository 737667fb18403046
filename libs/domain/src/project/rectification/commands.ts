import { rulebookRef, resultPolicyFor } from '../../rulebook/rulebook.js';
import { accept, refuse } from '../../shared/decision.js';
import { DomainError, invariant } from '../../shared/domain-error.js';
import { addDays, isInstant, isNonEmptyText, toMs } from '../../shared/time.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import { makeEvent } from '../make-event.js';
import type { ProjectState, Rectification } from '../state.js';
import { overdueRectification, resultDrivingEvaluation } from '../results/causes.js';
import type { Cause } from '../results/events.js';
import { takenInEarlierYear } from '../cycles/cycle.js';

export interface OrderRectification {
  type: 'OrderRectification';
  rectificationId: string;
  issues: string;
  /** The evaluation that found the issues, if any. */
  evaluationId?: string;
  /** ISO instant; defaults to now + the rulebook's rectification days. */
  deadline?: string;
}

export interface ReportRectification {
  type: 'ReportRectification';
  rectificationId: string;
  report: string;
}

export interface VerifyRectification {
  type: 'VerifyRectification';
  rectificationId: string;
  passed: boolean;
  /** Required when the report fails verification. */
  note?: string;
}

export interface TakeAccountabilityAction {
  type: 'TakeAccountabilityAction';
  actionId: string;
  cause: Cause;
  /** Who is held accountable (a unit or an official). */
  target: string;
  measure: string;
}

const find = (state: ProjectState, id: string): Rectification | undefined => state.rectifications.find((r) => r.rectificationId === id);

const unknown = (id: string) => invariant('rectification.unknown', `There is no rectification ${id}.`, `整改 ${id} 不存在。`);

export const decideOrderRectification = (c: OrderRectification, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (!isNonEmptyText(c.rectificationId) || !isNonEmptyText(c.issues)) {
    return refuse(invariant('rectification.fields-required', 'A rectification needs an id and the issues to fix.', '整改须有标识和问题描述。'));
  }
  if (find(state, c.rectificationId) || takenInEarlierYear(state, 'rectification', c.rectificationId)) {
    return refuse(invariant('rectification.duplicate-id', `Rectification ${c.rectificationId} already exists.`, `整改 ${c.rectificationId} 已存在。`));
  }
  if (c.evaluationId !== undefined && !state.evaluations.some((e) => e.evaluationId === c.evaluationId)) {
    return refuse(invariant('rectification.unknown-evaluation', `There is no evaluation ${c.evaluationId}.`, `评价 ${c.evaluationId} 不存在。`));
  }
  const deadline = c.deadline ?? addDays(ctx.now, ctx.rulebook.rectificationDeadlineDays);
  if (!isInstant(deadline) || toMs(deadline) <= toMs(ctx.now)) {
    return refuse(invariant('rectification.deadline-invalid', 'The deadline must be a future instant.', '整改期限须为将来的时间。'));
  }
  return accept(
    makeEvent('RectificationOrdered', {
      rectificationId: c.rectificationId,
      evaluationId: c.evaluationId ?? null,
      issues: c.issues,
      orderedAt: ctx.now,
      deadline,
      rulebook: rulebookRef(ctx.rulebook),
    }),
  );
};

export const decideReportRectification = (c: ReportRectification, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  const r = find(state, c.rectificationId);
  if (!r) return refuse(unknown(c.rectificationId));
  if (r.status !== 'ordered') {
    return refuse(invariant('rectification.not-awaiting-report', 'This rectification is not awaiting a report.', '该整改不处于待报告状态。'));
  }
  if (!isNonEmptyText(c.report)) {
    return refuse(invariant('rectification.report-required', 'The report must say what was done.', '整改报告须说明整改情况。'));
  }
  return accept(
    makeEvent('RectificationReported', {
      rectificationId: c.rectificationId,
      report: c.report,
      reportedAt: ctx.now,
      late: toMs(ctx.now) > toMs(r.deadline),
    }),
  );
};

export const decideVerifyRectification = (c: VerifyRectification, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  const r = find(state, c.rectificationId);
  if (!r) return refuse(unknown(c.rectificationId));
  if (r.status !== 'reported') {
    return refuse(invariant('rectification.not-reported', 'Only a reported rectification can be verified.', '整改报告提交后方可核验。'));
  }
  if (typeof c.passed !== 'boolean' || (!c.passed && !isNonEmptyText(c.note))) {
    return refuse(invariant('rectification.failure-note-required', 'A failed verification must say why.', '核验未通过须说明理由。'));
  }
  return accept(
    makeEvent('RectificationVerified', { rectificationId: c.rectificationId, passed: c.passed, note: c.note ?? null, verifiedAt: ctx.now }),
  );
};

export const decideTakeAccountabilityAction = (c: TakeAccountabilityAction, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (!isNonEmptyText(c.actionId) || !isNonEmptyText(c.target) || !isNonEmptyText(c.measure)) {
    return refuse(invariant('accountability.fields-required', 'An action needs an id, a target and a measure.', '问责须有标识、对象和措施。'));
  }
  if (state.accountabilityActionIds.includes(c.actionId)) {
    return refuse(invariant('accountability.duplicate-id', `Action ${c.actionId} already exists.`, `问责 ${c.actionId} 已存在。`));
  }
  if (c.cause?.kind === 'evaluation') {
    const evaluation = resultDrivingEvaluation(state, c.cause.evaluationId, 'accountability');
    if (evaluation instanceof DomainError) return refuse(evaluation);
    if (!resultPolicyFor(ctx.rulebook, evaluation.grade).accountability) {
      return refuse(
        invariant('accountability.grade-not-accountable', `Grade ${evaluation.grade} alone does not call for accountability.`, '该评价等级不足以问责。'),
      );
    }
  } else if (c.cause?.kind === 'rectification') {
    const r = overdueRectification(state, c.cause.rectificationId, ctx.now, 'accountability');
    if (r instanceof DomainError) return refuse(r);
  } else {
    return refuse(
      invariant('accountability.cause-required', 'Accountability must name the evaluation or overdue rectification behind it.', '问责须注明依据的评价或逾期整改。'),
    );
  }
  return accept(
    makeEvent('AccountabilityActionTaken', {
      actionId: c.actionId,
      cause: c.cause,
      target: c.target,
      measure: c.measure,
      takenAt: ctx.now,
      rulebook: rulebookRef(ctx.rulebook),
    }),
  );
};
