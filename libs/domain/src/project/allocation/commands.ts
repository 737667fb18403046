import { accept, refuse } from '../../shared/decision.js';
import { invariant } from '../../shared/domain-error.js';
import { isPositiveFen, type Fen } from '../../shared/money.js';
import { isNonEmptyText } from '../../shared/time.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import { makeEvent } from '../make-event.js';
import type { ProjectEvent } from '../events.js';
import { isRectificationOverdue, openRectifications, type ProjectState } from '../state.js';
import { lightsAfter } from '../monitoring/light-changes.js';

export interface AllocateBudget {
  type: 'AllocateBudget';
  amountFen: Fen;
  /** Required when allocating more than was requested. */
  reason?: string;
  /** Approval document number 批复文号. */
  documentNo?: string;
  /**
   * Required to allocate more than the cut cap 削减后上限 of a following year (the year
   * before's budget less its cuts): why those cuts are not applied in full. Recorded,
   * and shown in the accountability ledger as an exception.
   */
  capExceptionReason?: string;
}

export interface AdjustBudget {
  type: 'AdjustBudget';
  newBudgetFen: Fen;
  reason: string;
}

/**
 * Allocates the year's budget 预算批复, in fen. In a following year it applies the year
 * before's cuts: above the cap needs `capExceptionReason`, and PriorCutsApplied records
 * every cut applied (财预〔2020〕10号: results "作为以后年度预算安排的重要参考").
 * Errors: `money.invalid-amount`, `allocation.above-request-needs-reason`,
 * `allocation.rectification-overdue` (unless the rulebook's
 * `allocateWithOverdueRectification`; 10号 "整改到位后再予安排"),
 * `allocation.above-cut-cap-needs-reason`.
 */
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
  // Overdue is a person's deadline, so it is judged at entry time (DESIGN §6.3).
  const overdue = openRectifications(state).filter((r) => isRectificationOverdue(r, ctx.now));
  if (overdue.length > 0 && ctx.rulebook.allocateWithOverdueRectification !== true) {
    return refuse(
      invariant(
        'allocation.rectification-overdue',
        'A rectification is overdue and not verified; the budget is allocated once it is verified.',
        '存在逾期未核验的整改事项，整改到位后再予安排预算。',
        { rectificationIds: overdue.map((r) => r.rectificationId) },
      ),
    );
  }
  const carried = state.carriedOver;
  const aboveCap = carried !== null && c.amountFen > carried.capFen;
  if (aboveCap && !isNonEmptyText(c.capExceptionReason)) {
    return refuse(
      invariant(
        'allocation.above-cut-cap-needs-reason',
        `Allocating more than ${carried.capFen} fen (last year's budget less its cuts) needs a reason.`,
        `批复金额超过上年预算扣减削减额后的上限（${carried.capFen} 分）须说明理由。`,
        { capFen: carried.capFen, amountFen: c.amountFen, cutIds: carried.cuts.map((cut) => cut.cutId) },
      ),
    );
  }
  const allocated = makeEvent('BudgetAllocated', {
    amountFen: c.amountFen,
    requestedFen: state.requestedFen,
    reason: c.reason ?? null,
    documentNo: c.documentNo ?? null,
    allocatedAt: ctx.now,
  });
  if (carried === null) return accept(allocated);
  return accept<ProjectEvent>(
    allocated,
    makeEvent('PriorCutsApplied', {
      fiscalYear: state.fiscalYear,
      fromFiscalYear: carried.fromFiscalYear,
      cutIds: carried.cuts.map((cut) => cut.cutId),
      cutTotalFen: carried.cutTotalFen,
      capFen: carried.capFen,
      allocatedFen: c.amountFen,
      exceptionReason: aboveCap ? c.capExceptionReason!.trim() : null,
      appliedAt: ctx.now,
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
