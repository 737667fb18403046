import { given } from '../../testing/decider-spec.js';
import { ALLOCATED_FEN, ctx, e, historyAt } from '../../testing/fixtures.js';
import type { RecordExpenditure } from './spending.js';
import { practiceRulebook2026 } from '../../rulebook/practice-2026.js';

/** Under deployed practice nothing is lit before the end of June, so March spending is recorded alone. */
const practice = { ...ctx, rulebook: practiceRulebook2026 };

const spend = (amountFen: number, expenditureId = 'x1', spentOn = '2025-03-01'): RecordExpenditure => ({
  type: 'RecordExpenditure',
  expenditureId,
  amountFen,
  spentOn,
});

describe('RecordExpenditure (预算执行)', () => {
  it('records spending with the running total', () => {
    const outcome = given(...historyAt.executing, e.spent('x0', 10_000_000, 10_000_000)).when(spend(5_000_000), practice);
    outcome.then(e.spent('x1', 5_000_000, 15_000_000));
    expect(outcome.stateAfter().spentFen).toBe(15_000_000);
  });

  it('allows spending the budget to the last fen', () => {
    expect(given(...historyAt.executing).when(spend(ALLOCATED_FEN)).decision.ok).toBe(true);
  });

  // Invariant: spending beyond the adjusted budget is refused unless a budget adjustment was recorded.
  it('refuses spending one fen beyond the budget', () => {
    given(...historyAt.executing, e.spent('x0', ALLOCATED_FEN, ALLOCATED_FEN))
      .when(spend(1))
      .thenRefuses('invariant', 'expenditure.exceeds-budget');
  });

  it('accepts the same spending once the budget was adjusted upwards', () => {
    const adjusted = {
      type: 'BudgetAdjusted',
      schemaVersion: 1,
      data: { previousBudgetFen: ALLOCATED_FEN, adjustedBudgetFen: ALLOCATED_FEN + 1, reason: 'x', adjustedAt: ctx.now },
    } as const;
    expect(given(...historyAt.executing, e.spent('x0', ALLOCATED_FEN, ALLOCATED_FEN), adjusted).when(spend(1)).decision.ok).toBe(true);
  });

  it('refuses spending beyond a budget adjusted downwards', () => {
    const adjusted = {
      type: 'BudgetAdjusted',
      schemaVersion: 1,
      data: { previousBudgetFen: ALLOCATED_FEN, adjustedBudgetFen: 1000, reason: 'x', adjustedAt: ctx.now },
    } as const;
    given(...historyAt.executing, adjusted).when(spend(1001)).thenRefuses('invariant', 'expenditure.exceeds-budget');
  });

  it.each([
    ['a repeated id', spend(1, 'x0'), 'expenditure.duplicate-id'],
    ['a missing id', spend(1, ''), 'expenditure.id-required'],
    ['a float amount', spend(0.5), 'money.invalid-amount'],
    ['a date outside the fiscal year', spend(1, 'x1', '2024-12-31'), 'expenditure.date-outside-fiscal-year'],
    ['a malformed date', spend(1, 'x1', '2025-13-01'), 'expenditure.date-outside-fiscal-year'],
    ['a date after now', spend(1, 'x1', '2025-07-02'), 'expenditure.date-in-future'],
  ])('refuses %s', (_label, command, ruleId) => {
    given(...historyAt.executing, e.spent('x0', 1, 1))
      .when(command)
      .thenRefuses('invariant', ruleId);
  });

  it('refuses spending before allocation', () => {
    given(...historyAt.admitted).when(spend(1)).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});
