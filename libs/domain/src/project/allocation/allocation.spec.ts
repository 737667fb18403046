import { given } from '../../testing/decider-spec.js';
import { ALLOCATED_FEN, ctx, e, historyAt, REQUESTED_FEN, type StageName } from '../../testing/fixtures.js';
import { STAGES } from '../stages.js';

describe('AllocateBudget (预算批复)', () => {
  it('allocates the requested amount to an admitted project, which starts executing', () => {
    const outcome = given(...historyAt.admitted).when({ type: 'AllocateBudget', amountFen: ALLOCATED_FEN }, { ...ctx, now: '2025-01-15T00:00:00Z' });
    outcome.then(e.allocated);
    expect(outcome.stateAfter()).toMatchObject({ stage: 'executing', allocatedFen: ALLOCATED_FEN, adjustedBudgetFen: ALLOCATED_FEN, spentFen: 0 });
  });

  it('allocates less than requested without a reason', () => {
    expect(given(...historyAt.admitted).when({ type: 'AllocateBudget', amountFen: REQUESTED_FEN - 1 }).decision.ok).toBe(true);
  });

  // Invariant: an allocation above the requested amount needs a reason.
  it('refuses more than requested without a reason', () => {
    given(...historyAt.admitted)
      .when({ type: 'AllocateBudget', amountFen: REQUESTED_FEN + 1 })
      .thenRefuses('invariant', 'allocation.above-request-needs-reason');
  });

  it('allocates more than requested with a reason, and records it', () => {
    const outcome = given(...historyAt.admitted).when(
      { type: 'AllocateBudget', amountFen: REQUESTED_FEN + 1, reason: 'Added a village', documentNo: '渝财预〔2025〕1号' },
      ctx,
    );
    outcome.then({
      type: 'BudgetAllocated',
      schemaVersion: 1,
      data: {
        amountFen: REQUESTED_FEN + 1,
        requestedFen: REQUESTED_FEN,
        reason: 'Added a village',
        documentNo: '渝财预〔2025〕1号',
        allocatedAt: ctx.now,
      },
    });
  });

  it.each([0, -5, 1.5, Number.MAX_SAFE_INTEGER + 2])('refuses %p fen', (amountFen) => {
    given(...historyAt.admitted).when({ type: 'AllocateBudget', amountFen }).thenRefuses('invariant', 'money.invalid-amount');
  });

  // Invariant: only admitted projects can be funded.
  it.each(STAGES.filter((s): s is StageName => s !== 'admitted' && s !== 'none'))('refuses funding in stage %s', (stage) => {
    const refusal = given(...historyAt[stage]).when({ type: 'AllocateBudget', amountFen: 1 });
    expect(refusal.decision).toMatchObject({ ok: false, error: { kind: 'wrong-stage' } });
  });
});

describe('AdjustBudget (预算调整)', () => {
  const executing = historyAt.executing;

  it('records the previous and the new budget; spending is then held to the new one', () => {
    const outcome = given(...executing).when({ type: 'AdjustBudget', newBudgetFen: 120_000_000, reason: 'Flood repairs' });
    outcome.then({
      type: 'BudgetAdjusted',
      schemaVersion: 1,
      data: { previousBudgetFen: ALLOCATED_FEN, adjustedBudgetFen: 120_000_000, reason: 'Flood repairs', adjustedAt: ctx.now },
    });
    expect(outcome.stateAfter()).toMatchObject({ allocatedFen: ALLOCATED_FEN, adjustedBudgetFen: 120_000_000, budgetAdjustments: 1 });
  });

  it('refuses an adjustment below what was spent', () => {
    given(...executing, e.spent('x1', 60_000_000, 60_000_000))
      .when({ type: 'AdjustBudget', newBudgetFen: 59_999_999, reason: 'Savings' })
      .thenRefuses('invariant', 'budget.below-spent');
  });

  it('refuses an adjustment without a reason', () => {
    given(...executing).when({ type: 'AdjustBudget', newBudgetFen: 1, reason: '' }).thenRefuses('invariant', 'budget.adjustment-reason-required');
  });

  it('refuses an adjustment to the same figure', () => {
    given(...executing)
      .when({ type: 'AdjustBudget', newBudgetFen: ALLOCATED_FEN, reason: 'None' })
      .thenRefuses('invariant', 'budget.adjustment-unchanged');
  });

  it('refuses a non-integer budget', () => {
    given(...executing).when({ type: 'AdjustBudget', newBudgetFen: 0.5, reason: 'x' }).thenRefuses('invariant', 'money.invalid-amount');
  });

  it('refuses an adjustment before allocation', () => {
    given(...historyAt.admitted)
      .when({ type: 'AdjustBudget', newBudgetFen: 1, reason: 'x' })
      .thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});
