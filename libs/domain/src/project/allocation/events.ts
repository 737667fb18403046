import type { DomainEvent } from '../../shared/domain-event.js';
import type { Fen } from '../../shared/money.js';
import type { ProjectState } from '../state.js';

/** The budget was approved 预算批复 for the fiscal year. */
export type BudgetAllocated = DomainEvent<
  'BudgetAllocated',
  { amountFen: Fen; requestedFen: Fen; reason: string | null; documentNo: string | null; allocatedAt: string }
>;

/** The budget in force was adjusted 预算调整; spending is measured against the new figure. */
export type BudgetAdjusted = DomainEvent<
  'BudgetAdjusted',
  { previousBudgetFen: Fen; adjustedBudgetFen: Fen; reason: string; adjustedAt: string }
>;

export type AllocationEvent = BudgetAllocated | BudgetAdjusted;

export const evolveAllocation = {
  BudgetAllocated: (state: ProjectState, { data }: BudgetAllocated): ProjectState => ({
    ...state,
    stage: 'executing',
    allocatedFen: data.amountFen,
    adjustedBudgetFen: data.amountFen,
  }),
  BudgetAdjusted: (state: ProjectState, { data }: BudgetAdjusted): ProjectState => ({
    ...state,
    adjustedBudgetFen: data.adjustedBudgetFen,
    budgetAdjustments: state.budgetAdjustments + 1,
  }),
};
