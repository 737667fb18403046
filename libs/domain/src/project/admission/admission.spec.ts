import { given } from '../../testing/decider-spec.js';
import { ctx, e, historyAt } from '../../testing/fixtures.js';

const admit = { type: 'DecideAdmission', decision: 'admit', reviewScore: 88 } as const;

describe('DecideAdmission (入库)', () => {
  it('admits a project whose goals were approved', () => {
    given(...historyAt['goals-approved'])
      .when(admit, { ...ctx, now: '2024-10-10T00:00:00Z' })
      .then(e.admitted);
  });

  it('rejects with reasons', () => {
    const outcome = given(...historyAt['goals-approved']).when(
      { type: 'DecideAdmission', decision: 'reject', reviewScore: 40, reasons: ['Duplicates an existing project'] },
      { ...ctx, now: '2024-10-10T00:00:00Z' },
    );
    outcome.then(e.rejected);
    expect(outcome.stateAfter().stage).toBe('rejected');
  });

  it('refuses a rejection without reasons', () => {
    given(...historyAt['goals-approved'])
      .when({ type: 'DecideAdmission', decision: 'reject', reviewScore: 40, reasons: ['  '] })
      .thenRefuses('invariant', 'admission.reasons-required');
  });

  it.each([-1, 100.5, Number.NaN])('refuses a review score of %p', (reviewScore) => {
    given(...historyAt['goals-approved'])
      .when({ ...admit, reviewScore })
      .thenRefuses('invariant', 'admission.score-out-of-range');
  });

  it('refuses an unknown decision', () => {
    given(...historyAt['goals-approved'])
      .when({ ...admit, decision: 'defer' as never })
      .thenRefuses('invariant', 'admission.decision-invalid');
  });

  // Invariant: a fair grade requires revision before admission.
  it('refuses admission while fair-graded goals await revision', () => {
    given(...historyAt['goals-revision']).when(admit).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });

  it('admits once the revised goals are reviewed good', () => {
    const history = [...historyAt['goals-revision'], e.goalsSet(2), e.reviewed('good')];
    expect(given(...history).when(admit).decision.ok).toBe(true);
  });

  // Invariant: a poor grade bars the project from budgeting.
  it('refuses admission, and funding, of poor-graded goals', () => {
    given(...historyAt['goals-barred']).when(admit).thenRefuses('wrong-stage', 'stage.command-not-allowed');
    given(...historyAt['goals-barred'])
      .when({ type: 'AllocateBudget', amountFen: 1 })
      .thenRefuses('wrong-stage', 'stage.command-not-allowed');
    given(...historyAt['goals-barred'])
      .when({ type: 'SetPerformanceGoals', overallGoal: 'again', indicators: [] })
      .thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });

  it('refuses admission before review', () => {
    given(...historyAt['goals-submitted']).when(admit).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});
