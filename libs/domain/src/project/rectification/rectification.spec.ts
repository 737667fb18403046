import { given } from '../../testing/decider-spec.js';
import { at, e, historyAt, RULEBOOK_REF } from '../../testing/fixtures.js';

const now = '2026-04-02T00:00:00Z';
const context = at(now);
const order = { type: 'OrderRectification', rectificationId: 'rect-1', issues: 'Unit cost records incomplete', evaluationId: 'eval-1' } as const;

describe('OrderRectification (下达整改)', () => {
  it('orders a rectification with the rulebook default deadline (60 days)', () => {
    const outcome = given(...historyAt.results).when(order, context);
    outcome.then(e.rectificationOrdered('rect-1', '2026-06-01T00:00:00.000Z'));
    expect(outcome.stateAfter().rectifications).toEqual([
      {
        rectificationId: 'rect-1',
        evaluationId: 'eval-1',
        issues: order.issues,
        orderedAt: now,
        deadline: '2026-06-01T00:00:00.000Z',
        status: 'ordered',
      },
    ]);
  });

  it('takes an explicit deadline', () => {
    const outcome = given(...historyAt.evaluated).when({ ...order, deadline: '2026-05-01T00:00:00Z' }, context);
    expect(outcome.decision).toMatchObject({ ok: true, events: [{ data: { deadline: '2026-05-01T00:00:00Z' } }] });
  });

  it.each([
    ['a past deadline', { deadline: '2026-04-01T00:00:00Z' }, 'rectification.deadline-invalid'],
    ['a malformed deadline', { deadline: 'next month' }, 'rectification.deadline-invalid'],
    ['no issues', { issues: '' }, 'rectification.fields-required'],
    ['an unknown evaluation', { evaluationId: 'nope' }, 'rectification.unknown-evaluation'],
  ])('refuses %s', (_label, change, ruleId) => {
    given(...historyAt.results)
      .when({ ...order, ...change }, context)
      .thenRefuses('invariant', ruleId);
  });

  it('refuses a repeated id and orders before evaluation', () => {
    given(...historyAt.results, e.rectificationOrdered('rect-1')).when(order, context).thenRefuses('invariant', 'rectification.duplicate-id');
    given(...historyAt.executing).when(order, context).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});

describe('ReportRectification (整改报告)', () => {
  const ordered = [...historyAt.results, e.rectificationOrdered('rect-1', '2026-06-01T00:00:00Z')];
  const report = { type: 'ReportRectification', rectificationId: 'rect-1', report: 'Records completed' } as const;

  it('records the report and whether it was late', () => {
    given(...ordered).when(report, at('2026-05-01T00:00:00Z')).then(e.rectificationReported('rect-1'));
    const late = given(...ordered).when(report, at('2026-06-02T00:00:00Z'));
    expect(late.decision).toMatchObject({ ok: true, events: [{ data: { late: true } }] });
  });

  it('refuses a second report, an empty report and unknown ids', () => {
    given(...ordered, e.rectificationReported('rect-1')).when(report, context).thenRefuses('invariant', 'rectification.not-awaiting-report');
    given(...ordered).when({ ...report, report: ' ' }, context).thenRefuses('invariant', 'rectification.report-required');
    given(...ordered).when({ ...report, rectificationId: 'x' }, context).thenRefuses('invariant', 'rectification.unknown');
  });
});

describe('VerifyRectification (整改核验)', () => {
  const reported = [...historyAt.results, e.rectificationOrdered('rect-1'), e.rectificationReported('rect-1')];

  it('a pass closes the rectification', () => {
    const outcome = given(...reported).when({ type: 'VerifyRectification', rectificationId: 'rect-1', passed: true }, context);
    outcome.then({ type: 'RectificationVerified', schemaVersion: 1, data: { rectificationId: 'rect-1', passed: true, note: null, verifiedAt: now } });
    expect(outcome.stateAfter().rectifications[0]?.status).toBe('verified');
  });

  it('a fail, with its reason, sends it back to the department', () => {
    const outcome = given(...reported).when({ type: 'VerifyRectification', rectificationId: 'rect-1', passed: false, note: 'Receipts missing' }, context);
    expect(outcome.stateAfter().rectifications[0]?.status).toBe('ordered');
  });

  it('refuses a fail without reason, and verifying an unreported rectification', () => {
    given(...reported)
      .when({ type: 'VerifyRectification', rectificationId: 'rect-1', passed: false }, context)
      .thenRefuses('invariant', 'rectification.failure-note-required');
    given(...historyAt.results, e.rectificationOrdered('rect-1'))
      .when({ type: 'VerifyRectification', rectificationId: 'rect-1', passed: true }, context)
      .thenRefuses('invariant', 'rectification.not-reported');
    given(...reported)
      .when({ type: 'VerifyRectification', rectificationId: 'x', passed: true }, context)
      .thenRefuses('invariant', 'rectification.unknown');
  });
});

describe('TakeAccountabilityAction (问责)', () => {
  const overdueAt = at('2026-06-02T00:00:00Z');
  const ordered = [...historyAt.results, e.rectificationOrdered('rect-1', '2026-06-01T00:00:00Z')];
  const act = {
    type: 'TakeAccountabilityAction',
    actionId: 'acc-1',
    cause: { kind: 'rectification', rectificationId: 'rect-1' },
    target: 'Water bureau finance office',
    measure: 'Written criticism 通报批评',
  } as const;

  it('holds someone accountable for an overdue rectification', () => {
    given(...ordered)
      .when(act, overdueAt)
      .then({
        type: 'AccountabilityActionTaken',
        schemaVersion: 1,
        data: { actionId: 'acc-1', cause: act.cause, target: act.target, measure: act.measure, takenAt: overdueAt.now, rulebook: RULEBOOK_REF },
      });
  });

  it('refuses while the rectification is within its deadline', () => {
    given(...ordered).when(act, context).thenRefuses('invariant', 'accountability.rectification-not-overdue');
  });

  it('accepts a poor grade as cause, refuses a good one', () => {
    const poor = [...historyAt.executing, e.scored('eval-p', 'poor')];
    const byGrade = { ...act, cause: { kind: 'evaluation', evaluationId: 'eval-p' } } as const;
    expect(given(...poor).when(byGrade, context).decision.ok).toBe(true);
    given(...historyAt.results)
      .when({ ...act, cause: { kind: 'evaluation', evaluationId: 'eval-1' } }, context)
      .thenRefuses('invariant', 'accountability.grade-not-accountable');
  });

  it('refuses without a cause, a target, or with a repeated id', () => {
    given(...ordered).when({ ...act, cause: undefined as never }, overdueAt).thenRefuses('invariant', 'accountability.cause-required');
    given(...ordered).when({ ...act, target: '' }, overdueAt).thenRefuses('invariant', 'accountability.fields-required');
    const taken = {
      type: 'AccountabilityActionTaken',
      schemaVersion: 1,
      data: { actionId: 'acc-1', cause: act.cause, target: 'x', measure: 'y', takenAt: overdueAt.now, rulebook: RULEBOOK_REF },
    } as const;
    given(...ordered, taken).when(act, overdueAt).thenRefuses('invariant', 'accountability.duplicate-id');
  });
});
