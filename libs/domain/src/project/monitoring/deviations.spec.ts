import { given } from '../../testing/decider-spec.js';
import { at, ctx, e, historyAt, RULEBOOK_REF } from '../../testing/fixtures.js';

const reading05 = e.reading('r-households-05', 'households', '2025-05', 200);
const flagReading = { type: 'FlagDeviation', deviationId: 'd1', subject: { kind: 'indicator', readingId: 'r-households-05' } } as const;
const flagBudget = { type: 'FlagDeviation', deviationId: 'd-budget', subject: { kind: 'budget' } } as const;

describe('FlagDeviation (偏差预警)', () => {
  it('flags a reading behind time-proportional progress, computing level, expected value and gap', () => {
    // By the end of May 5/12 of 1,200 households (500) were due; 200 is 25 points behind → red.
    given(...historyAt.executing, reading05).when(flagReading).then(e.deviationFlagged('d1'));
  });

  it('measures against the adjusted target when there is one', () => {
    const adjusted = {
      type: 'TargetAdjusted',
      schemaVersion: 1,
      data: { indicatorId: 'households', startOfYearTarget: 1200, previousTarget: 1200, adjustedTarget: 600, reason: 'x', adjustedAt: ctx.now },
    } as const;
    // 5/12 of 600 = 250 due; 200 is 50/600 ≈ 8 points behind: within the yellow threshold.
    given(...historyAt.executing, reading05, adjusted).when(flagReading).thenRefuses('invariant', 'deviation.within-threshold');
  });

  it('refuses to flag a reading within the thresholds', () => {
    given(...historyAt.executing, e.reading('r-households-05', 'households', '2025-05', 480))
      .when(flagReading)
      .thenRefuses('invariant', 'deviation.within-threshold');
  });

  it('flags budget execution behind time-proportional progress', () => {
    // On 1 July 181 of 365 days have passed; nothing spent → the gap is the whole progress.
    const progress = 181 / 365;
    given(...historyAt.executing)
      .when(flagBudget)
      .then({
        type: 'DeviationFlagged',
        schemaVersion: 2,
        data: {
          deviationId: 'd-budget',
          subject: { kind: 'budget' },
          level: 'red',
          expected: Math.round(100_000_000 * progress),
          actual: 0,
          ratio: null,
          gap: Math.round(progress * 1e9) / 1e9,
          progress,
          asOf: ctx.now.slice(0, 10),
          flaggedAt: ctx.now,
          rulebook: RULEBOOK_REF,
        },
      });
  });

  it('refuses a budget flag when spending keeps pace', () => {
    given(...historyAt.executing, e.spent('x', 50_000_000, 50_000_000))
      .when(flagBudget)
      .thenRefuses('invariant', 'deviation.within-threshold');
  });

  it('refuses a second open flag for the same reading or for the budget', () => {
    given(...historyAt.executing, reading05, e.deviationFlagged('d1'))
      .when({ ...flagReading, deviationId: 'd2' })
      .thenRefuses('invariant', 'deviation.already-flagged');
    const budgetFlagged = { ...e.deviationFlagged('d-b'), data: { ...e.deviationFlagged('d-b').data, subject: { kind: 'budget' as const } } };
    given(...historyAt.executing, budgetFlagged).when(flagBudget).thenRefuses('invariant', 'deviation.already-flagged');
  });

  it('refuses a repeated deviation id, a missing id and an unknown reading', () => {
    given(...historyAt.executing, reading05, e.deviationFlagged('d1'))
      .when({ ...flagBudget, deviationId: 'd1' })
      .thenRefuses('invariant', 'deviation.duplicate-id');
    given(...historyAt.executing).when({ ...flagBudget, deviationId: '' }).thenRefuses('invariant', 'deviation.id-required');
    given(...historyAt.executing).when(flagReading).thenRefuses('invariant', 'deviation.unknown-reading');
  });

  it('refuses flags after execution', () => {
    given(...historyAt.evaluated).when(flagBudget).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});

describe('ExplainDeviation (偏差原因说明)', () => {
  const flagged = [...historyAt.executing, reading05, e.deviationFlagged('d1')];
  const explain = {
    type: 'ExplainDeviation',
    deviationId: 'd1',
    cause: 'funding',
    measures: 'Advance the second tranche',
    likelihood: 'possible',
  } as const;

  it('records cause, corrective measures and likelihood', () => {
    const outcome = given(...flagged).when(explain);
    outcome.then(e.deviationExplained('d1'));
    expect(outcome.stateAfter().deviations[0]).toMatchObject({ status: 'explained', explanation: { cause: 'funding' } });
  });

  it.each([
    ['an unknown deviation', { deviationId: 'nope' }, 'deviation.unknown'],
    ['an unknown cause', { cause: 'weather' }, 'deviation.cause-invalid'],
    ['"other" without detail', { cause: 'other' }, 'deviation.cause-detail-required'],
    ['no measures', { measures: ' ' }, 'deviation.measures-required'],
    ['an unknown likelihood', { likelihood: 'likely' }, 'deviation.likelihood-invalid'],
  ])('refuses %s', (_label, change, ruleId) => {
    given(...flagged)
      .when({ ...explain, ...change } as never)
      .thenRefuses('invariant', ruleId);
  });

  it('accepts "other" with detail', () => {
    expect(given(...flagged).when({ ...explain, cause: 'other', causeDetail: 'Landslide' }).decision.ok).toBe(true);
  });

  it('refuses explaining a resolved deviation', () => {
    const resolved = { type: 'DeviationResolved', schemaVersion: 1, data: { deviationId: 'd1', resolution: 'x', resolvedAt: ctx.now } } as const;
    given(...flagged, e.deviationExplained('d1'), resolved).when(explain).thenRefuses('invariant', 'deviation.already-resolved');
  });
});

describe('ResolveDeviation (纠偏)', () => {
  const flagged = [...historyAt.executing, reading05, e.deviationFlagged('d1')];
  const resolve = { type: 'ResolveDeviation', deviationId: 'd1', resolution: 'Tranche advanced; 520 households reached' } as const;

  it('resolves an explained deviation', () => {
    const outcome = given(...flagged, e.deviationExplained('d1')).when(resolve);
    outcome.then({ type: 'DeviationResolved', schemaVersion: 1, data: { deviationId: 'd1', resolution: resolve.resolution, resolvedAt: ctx.now } });
    expect(outcome.stateAfter().deviations[0]?.status).toBe('resolved');
  });

  it('refuses to resolve an unexplained deviation', () => {
    given(...flagged).when(resolve).thenRefuses('invariant', 'deviation.unexplained');
  });

  it('refuses without a resolution, for unknown ids, and twice', () => {
    given(...flagged, e.deviationExplained('d1'))
      .when({ ...resolve, resolution: '' })
      .thenRefuses('invariant', 'deviation.resolution-required');
    given(...flagged).when({ ...resolve, deviationId: 'x' }).thenRefuses('invariant', 'deviation.unknown');
    const resolved = { type: 'DeviationResolved', schemaVersion: 1, data: { deviationId: 'd1', resolution: 'x', resolvedAt: ctx.now } } as const;
    given(...flagged, e.deviationExplained('d1'), resolved).when(resolve).thenRefuses('invariant', 'deviation.already-resolved');
  });
});

describe('EscalateDeviation (偏差升级)', () => {
  const flagged = [...historyAt.executing, reading05, e.deviationFlagged('d1', '2025-07-01T00:00:00Z')];
  const escalate = { type: 'EscalateDeviation', deviationId: 'd1' } as const;

  it('escalates an unexplained deviation after the rulebook escalation days (15)', () => {
    const outcome = given(...flagged).when(escalate, at('2025-07-16T00:00:00Z'));
    outcome.then({
      type: 'DeviationEscalated',
      schemaVersion: 1,
      data: { deviationId: 'd1', flaggedAt: '2025-07-01T00:00:00Z', escalatedAt: '2025-07-16T00:00:00Z', rulebook: RULEBOOK_REF },
    });
    expect(outcome.stateAfter().deviations[0]?.escalated).toBe(true);
  });

  it('refuses one second too early', () => {
    given(...flagged).when(escalate, at('2025-07-15T23:59:59Z')).thenRefuses('invariant', 'deviation.escalation-too-early');
  });

  it('refuses an explained deviation, a second escalation and an unknown id', () => {
    const later = at('2025-08-01T00:00:00Z');
    given(...flagged, e.deviationExplained('d1')).when(escalate, later).thenRefuses('invariant', 'deviation.already-explained');
    const escalated = {
      type: 'DeviationEscalated',
      schemaVersion: 1,
      data: { deviationId: 'd1', flaggedAt: '2025-07-01T00:00:00Z', escalatedAt: '2025-07-16T00:00:00Z', rulebook: RULEBOOK_REF },
    } as const;
    given(...flagged, escalated).when(escalate, later).thenRefuses('invariant', 'deviation.already-escalated');
    given(...flagged).when({ ...escalate, deviationId: 'x' }, later).thenRefuses('invariant', 'deviation.unknown');
  });
});
