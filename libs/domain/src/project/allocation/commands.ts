import { accept, refuse } from '../../shared/decision.js';
import { invariant } from '../../shared/domain-error.js';
import { isPositiveFen, type Fen } from '../../shared/money.js';
import { isNonEmptyText } from '../../shared/time.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import { makeEvent } from '../make-event.js';
import type { ProjectState } from '../state.js';
import { lightsAfter } from '../monitoring/light-changes.js';

export interface AllocateBudget {
  type: 'AllocateBudget';
  amountFen: Fen;
  /** Required when allocating more than was requested. */
  reason?: string;
  /** Approval document number 批复文号. */
  documentNo?: string;
}

export interface AdjustBudget {
  type: 'AdjustBudget';
  newBudgetFen: Fen;
  reason: string;
}

export const decideAllocateBudget = (c: AllocateBudget, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (!isPositiveFen(c.amountFen)) {
    return refuse(invariant('money.invalid-amount', 'The amount is a positive whole number of fen.', '金额须为正整数（分）。'));
  }
  if (c.amountFen > state.requestedFen && !isNonEmptyText(c.reason)) {
    return refuse(
      invariant(
        'allocation.above-request-needs-reason',
        'Allocating more than was requested needs a reason.',
        '批复金额超过申请金额须说明理由。',
        { requestedFen: state.requestedFen, amountFen: c.amountFen },
      ),
    );
  }
  return accept(
    makeEvent('BudgetAllocated', {
      amountFen: c.amountFen,
      requestedFen: state.requestedFen,
      reason: c.reason ?? null,
      documentNo: c.documentNo ?? null,
      allocatedAt: ctx.now,
    }),
  );
};

export const decideAdjustBudget = (c: AdjustBudget, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (!isPositiveFen(c.newBudgetFen)) {
    return refuse(invariant('money.invalid-amount', 'The budget is a positive whole number of fen.', '预算须为正整数（分）。'));
  }
  if (!isNonEmptyText(c.reason)) {
    return refuse(invariant('budget.adjustment-reason-required', 'A budget adjustment needs a reason.', '预算调整须说明理由。'));
  }
  if (c.newBudgetFen === state.adjustedBudgetFen) {
    return refuse(invariant('budget.adjustment-unchanged', 'The adjusted budget equals the current one.', '调整后预算与当前预算相同。'));
  }
  if (c.newBudgetFen < state.spentFen) {
    return refuse(
      invariant(
        'budget.below-spent',
        'The budget cannot be adjusted below what has already been spent.',
        '调整后预算不得低于已支出金额。',
        { spentFen: state.spentFen },
      ),
    );
  }
  const adjusted = makeEvent('BudgetAdjusted', {
    previousBudgetFen: state.adjustedBudgetFen,
    adjustedBudgetFen: c.newBudgetFen,
    reason: c.reason,
    adjustedAt: ctx.now,
  });
  // The budget light, if lit, is judged again against the new budget (BudgetAdjusted's evolve sets only this field).
  return accept(adjusted, ...lightsAfter({ ...state, adjustedBudgetFen: c.newBudgetFen }, adjusted, ctx));
};
