import { accept, refuse } from '../../shared/decision.js';
import { invariant } from '../../shared/domain-error.js';
import { isNonEmptyText } from '../../shared/time.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import { makeEvent } from '../make-event.js';
import type { ProjectState } from '../state.js';

/** Finance decides whether the project enters the project library 项目库. */
export interface DecideAdmission {
  type: 'DecideAdmission';
  decision: 'admit' | 'reject';
  /** The admission review score 入库评审得分, 0–100. */
  reviewScore: number;
  /** Required when rejecting. */
  reasons?: string[];
}

export const decideDecideAdmission = (c: DecideAdmission, _state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (c.decision !== 'admit' && c.decision !== 'reject') {
    return refuse(invariant('admission.decision-invalid', 'The decision is admit or reject.', '入库决定须为入库或不予入库。'));
  }
  if (typeof c.reviewScore !== 'number' || !Number.isFinite(c.reviewScore) || c.reviewScore < 0 || c.reviewScore > 100) {
    return refuse(invariant('admission.score-out-of-range', 'The review score is between 0 and 100.', '评审得分须在 0 到 100 之间。'));
  }
  const reasons = (c.reasons ?? []).filter(isNonEmptyText);
  if (c.decision === 'reject' && reasons.length === 0) {
    return refuse(invariant('admission.reasons-required', 'A rejection must give its reasons.', '不予入库须说明理由。'));
  }
  return accept(
    c.decision === 'admit'
      ? makeEvent('ProjectAdmitted', { reviewScore: c.reviewScore, reasons, admittedAt: ctx.now })
      : makeEvent('ProjectRejected', { reviewScore: c.reviewScore, reasons, rejectedAt: ctx.now }),
  );
};
