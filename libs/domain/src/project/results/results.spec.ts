import { given } from '../../testing/decider-spec.js';
import { at, e, historyAt, RULEBOOK_REF } from '../../testing/fixtures.js';

const now = '2026-04-01T00:00:00Z';
const context = at(now);
const executing = historyAt.executing;
const evaluatedAs = (grade: 'excellent' | 'good' | 'fair' | 'poor') => [...executing, e.scored('eval-1', grade)];

describe('ApplyResult (结果应用)', () => {
  it.each([
    ['excellent', 'prioritise', 'ProjectPrioritised'],
    ['good', 'maintain', 'ProjectMaintained'],
    ['fair', 'maintain', 'ProjectMaintained'],
    ['poor', 'suspend', 'ProjectSuspended'],
    ['poor', 'cancel', 'ProjectCancelled'],
  ] as const)('a %s grade may be applied as %s', (grade, decision, type) => {
    const outcome = given(...evaluatedAs(grade)).when({ type: 'ApplyResult', evaluationId: 'eval-1', decision }, context);
    outcome.then({ type, schemaVersion: 1, data: { evaluationId: 'eval-1', grade, note: null, appliedAt: now, rulebook: RULEBOOK_REF } });
    expect(outcome.stateAfter()).toMatchObject({ stage: 'results', result: { decision, evaluationId: 'eval-1' } });
  });

  it.each([
    ['excellent', 'cancel'],
    ['good', 'prioritise'],
    ['fair', 'prioritise'],
    ['poor', 'maintain'],
  ] as const)('a %s grade may not be applied as %s', (grade, decision) => {
    given(...evaluatedAs(grade))
      .when({ type: 'ApplyResult', evaluationId: 'eval-1', decision }, context)
      .thenRefuses('invariant', 'result.decision-not-allowed-for-grade');
  });

  it('refuses to apply a self-evaluation', () => {
    const history = [...historyAt.evaluated, e.scored('self-1', 'excellent', 'self')];
    given(...history)
      .when({ type: 'ApplyResult', evaluationId: 'self-1', decision: 'prioritise' }, context)
      .thenRefuses('invariant', 'result.self-evaluation-does-not-drive-results');
  });

  it('refuses an unknown evaluation and a second application', () => {
    given(...historyAt.evaluated)
      .when({ type: 'ApplyResult', evaluationId: 'nope', decision: 'maintain' }, context)
      .thenRefuses('invariant', 'result.unknown-evaluation');
    given(...historyAt.results)
      .when({ type: 'ApplyResult', evaluationId: 'eval-1', decision: 'maintain' }, context)
      .thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});

describe('CutBudget (预算削减)', () => {
  it('cuts a fair-graded project by the rulebook proportion (10%) and names the evaluation', () => {
    const outcome = given(...evaluatedAs('fair')).when({ type: 'CutBudget', cutId: 'cut-1', cause: { kind: 'evaluation', evaluationId: 'eval-1' } }, context);
    outcome.then({
      type: 'BudgetCut',
      schemaVersion: 1,
      data: {
        cutId: 'cut-1',
        cause: { kind: 'evaluation', evaluationId: 'eval-1' },
        grade: 'fair',
        baseFen: 100_000_000,
        proportion: 0.1,
        amountFen: 10_000_000,
        cutAt: now,
        rulebook: RULEBOOK_REF,
      },
    });
    expect(outcome.stateAfter().cuts).toEqual([
      { cutId: 'cut-1', cause: { kind: 'evaluation', evaluationId: 'eval-1' }, proportion: 0.1, amountFen: 10_000_000, rulebook: RULEBOOK_REF },
    ]);
  });

  it('cuts a poor-graded project by 30%', () => {
    const outcome = given(...evaluatedAs('poor')).when({ type: 'CutBudget', cutId: 'c', cause: { kind: 'evaluation', evaluationId: 'eval-1' } }, context);
    expect(outcome.decision).toMatchObject({ ok: true, events: [{ data: { amountFen: 30_000_000, proportion: 0.3 } }] });
  });

  it('refuses to cut a good-graded project', () => {
    given(...evaluatedAs('good'))
      .when({ type: 'CutBudget', cutId: 'c', cause: { kind: 'evaluation', evaluationId: 'eval-1' } }, context)
      .thenRefuses('invariant', 'cut.not-warranted');
  });

  // Invariant: a budget cut names the evaluation, or the overdue rectification, that caused it.
  it('refuses a cut without a cause', () => {
    given(...evaluatedAs('fair'))
      .when({ type: 'CutBudget', cutId: 'c', cause: undefined as never }, context)
      .thenRefuses('invariant', 'cut.cause-required');
  });

  it('refuses a cut naming a self-evaluation or an unknown evaluation', () => {
    given(...evaluatedAs('fair'), e.scored('self-1', 'poor', 'self'))
      .when({ type: 'CutBudget', cutId: 'c', cause: { kind: 'evaluation', evaluationId: 'self-1' } }, context)
      .thenRefuses('invariant', 'cut.self-evaluation-does-not-drive-results');
    given(...evaluatedAs('fair'))
      .when({ type: 'CutBudget', cutId: 'c', cause: { kind: 'evaluation', evaluationId: 'nope' } }, context)
      .thenRefuses('invariant', 'cut.unknown-evaluation');
  });

  it('cuts for a rectification only once it is overdue', () => {
    const history = [...historyAt.results, e.rectificationOrdered('rect-1', '2026-06-01T00:00:00Z')];
    const cut = { type: 'CutBudget', cutId: 'c', cause: { kind: 'rectification', rectificationId: 'rect-1' } } as const;
    given(...history).when(cut, at('2026-06-01T00:00:00Z')).thenRefuses('invariant', 'cut.rectification-not-overdue');
    const overdue = given(...history).when(cut, at('2026-06-01T00:00:01Z'));
    expect(overdue.decision).toMatchObject({ ok: true, events: [{ type: 'BudgetCut', data: { proportion: 0.1, amountFen: 10_000_000, grade: null } }] });
  });

  it('does not count a reported rectification as overdue, nor an unknown one', () => {
    const history = [...historyAt.results, e.rectificationOrdered('rect-1'), e.rectificationReported('rect-1')];
    given(...history)
      .when({ type: 'CutBudget', cutId: 'c', cause: { kind: 'rectification', rectificationId: 'rect-1' } }, at('2027-01-01T00:00:00Z'))
      .thenRefuses('invariant', 'cut.rectification-not-overdue');
    given(...history)
      .when({ type: 'CutBudget', cutId: 'c', cause: { kind: 'rectification', rectificationId: 'x' } }, context)
      .thenRefuses('invariant', 'cut.unknown-rectification');
  });

  it('refuses a second cut for the same cause, and a repeated cut id', () => {
    const first = given(...evaluatedAs('fair')).when({ type: 'CutBudget', cutId: 'c1', cause: { kind: 'evaluation', evaluationId: 'eval-1' } }, context);
    if (!first.decision.ok) throw new Error('first cut refused');
    const history = [...evaluatedAs('fair'), ...first.decision.events];
    given(...history)
      .when({ type: 'CutBudget', cutId: 'c2', cause: { kind: 'evaluation', evaluationId: 'eval-1' } }, context)
      .thenRefuses('invariant', 'cut.cause-already-used');
    given(...history)
      .when({ type: 'CutBudget', cutId: 'c1', cause: { kind: 'rectification', rectificationId: 'r' } }, context)
      .thenRefuses('invariant', 'cut.duplicate-id');
  });

  it('refuses cuts before evaluation: while executing there is no evaluation to cut for (only an overdue rectification)', () => {
    given(...executing)
      .when({ type: 'CutBudget', cutId: 'c', cause: { kind: 'evaluation', evaluationId: 'eval-1' } }, context)
      .thenRefuses('invariant', 'cut.unknown-evaluation');
    given(...historyAt.admitted)
      .when({ type: 'CutBudget', cutId: 'c', cause: { kind: 'evaluation', evaluationId: 'eval-1' } }, context)
      .thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});

describe('GrantIncentive (激励)', () => {
  const grant = { type: 'GrantIncentive', incentiveId: 'inc-1', evaluationId: 'eval-1', measure: 'Priority in the 2026 budget' } as const;

  it('grants an incentive to a good performer after results are applied', () => {
    given(...historyAt.results)
      .when(grant, context)
      .then({
        type: 'IncentiveGranted',
        schemaVersion: 1,
        data: { incentiveId: 'inc-1', evaluationId: 'eval-1', grade: 'good', measure: grant.measure, grantedAt: now, rulebook: RULEBOOK_REF },
      });
  });

  it('refuses an incentive for a fair grade', () => {
    const history = [...evaluatedAs('fair'), e.maintained('eval-1')];
    given(...history).when(grant, context).thenRefuses('invariant', 'incentive.grade-not-eligible');
  });

  it('refuses a repeated id, a missing measure, and incentives before results', () => {
    const granted = {
      type: 'IncentiveGranted',
      schemaVersion: 1,
      data: { incentiveId: 'inc-1', evaluationId: 'eval-1', grade: 'good', measure: 'x', grantedAt: now, rulebook: RULEBOOK_REF },
    } as const;
    given(...historyAt.results, granted).when(grant, context).thenRefuses('invariant', 'incentive.duplicate-id');
    given(...historyAt.results).when({ ...grant, measure: '' }, context).thenRefuses('invariant', 'incentive.fields-required');
    given(...historyAt.evaluated).when(grant, context).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});
