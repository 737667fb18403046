import { accept, refuse } from '../../shared/decision.js';
import { invariant } from '../../shared/domain-error.js';
import { isPositiveFen, type Fen } from '../../shared/money.js';
import { isCalendarDate, isNonEmptyText, toMs, yearOf } from '../../shared/time.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import { makeEvent } from '../make-event.js';
import type { ProjectState } from '../state.js';
import { applyMonitoring, lightsAfter } from './light-changes.js';
import { takenInEarlierYear } from '../cycles/cycle.js';

export interface RecordExpenditure {
  type: 'RecordExpenditure';
  expenditureId: string;
  amountFen: Fen;
  /** The business date of the spending, inside the fiscal year. */
  spentOn: string;
  description?: string;
}

/**
 * Spending is held to the budget in force: beyond it, the budget must first be adjusted
 * (AdjustBudget), so every yuan over the approval has a recorded reason.
 */
export const decideRecordExpenditure = (c: RecordExpenditure, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (!isNonEmptyText(c.expenditureId)) {
    return refuse(invariant('expenditure.id-required', 'An expenditure needs an id.', '支出记录须有标识。'));
  }
  if (state.expenditureIds.includes(c.expenditureId) || takenInEarlierYear(state, 'expenditure', c.expenditureId)) {
    return refuse(invariant('expenditure.duplicate-id', `Expenditure ${c.expenditureId} is already recorded.`, `支出 ${c.expenditureId} 已记录。`));
  }
  if (!isPositiveFen(c.amountFen)) {
    return refuse(invariant('money.invalid-amount', 'The amount is a positive whole number of fen.', '金额须为正整数（分）。'));
  }
  if (!isCalendarDate(c.spentOn) || yearOf(c.spentOn) !== state.fiscalYear) {
    return refuse(
      invariant(
        'expenditure.date-outside-fiscal-year',
        `The spending date must fall in fiscal year ${state.fiscalYear}.`,
        `支出日期须在 ${state.fiscalYear} 预算年度内。`,
      ),
    );
  }
  if (toMs(c.spentOn) > toMs(ctx.now)) {
    return refuse(invariant('expenditure.date-in-future', 'Spending cannot be recorded before it happens.', '不得登记未来日期的支出。'));
  }
  const spentToDateFen = state.spentFen + c.amountFen;
  if (spentToDateFen > state.adjustedBudgetFen) {
    return refuse(
      invariant(
        'expenditure.exceeds-budget',
        'This spending would exceed the budget in force; record a budget adjustment first.',
        '该支出将超出现行预算，须先办理预算调整。',
        { adjustedBudgetFen: state.adjustedBudgetFen, spentFen: state.spentFen, amountFen: c.amountFen },
      ),
    );
  }
  const recorded = makeEvent('ExpenditureRecorded', {
    expenditureId: c.expenditureId,
    amountFen: c.amountFen,
    spentOn: c.spentOn,
    description: c.description ?? null,
    spentToDateFen,
  });
  // Budget execution is judged in the same decision, as of spentOn (DESIGN §6.2–6.3).
  return accept(recorded, ...lightsAfter(applyMonitoring(state, [recorded]), recorded, ctx));
};
