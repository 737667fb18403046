import { given } from '../../testing/decider-spec.js';
import { ctx, historyAt } from '../../testing/fixtures.js';
import type { AdjustTarget } from './targets.js';

const adjust = (change: Partial<AdjustTarget> = {}): AdjustTarget => ({
  type: 'AdjustTarget',
  indicatorId: 'households',
  adjustedTarget: 1000,
  reason: 'Two villages relocated',
  ...change,
});

describe('AdjustTarget (目标调整)', () => {
  // Invariant: a target adjustment keeps the start-of-year target beside the adjusted one.
  it('keeps the start-of-year target beside the adjusted one', () => {
    const outcome = given(...historyAt.executing).when(adjust());
    outcome.then({
      type: 'TargetAdjusted',
      schemaVersion: 1,
      data: {
        indicatorId: 'households',
        startOfYearTarget: 1200,
        previousTarget: 1200,
        adjustedTarget: 1000,
        reason: 'Two villages relocated',
        adjustedAt: ctx.now,
      },
    });
    const households = outcome.stateAfter().indicators.find((i) => i.indicatorId === 'households');
    expect(households).toMatchObject({ target: 1200, startOfYearTarget: 1200, adjustedTarget: 1000 });
  });

  it('on a second adjustment, the previous target is the first adjustment and the start-of-year target is unchanged', () => {
    const first = given(...historyAt.executing).when(adjust());
    if (!first.decision.ok) throw new Error('first adjustment refused');
    const second = given(...historyAt.executing, ...first.decision.events).when(adjust({ adjustedTarget: 900 }));
    expect(second.decision).toMatchObject({ ok: true, events: [{ data: { startOfYearTarget: 1200, previousTarget: 1000, adjustedTarget: 900 } }] });
  });

  it.each([
    ['an undeclared indicator', adjust({ indicatorId: 'roads' }), 'target.unknown-indicator'],
    ['a qualitative indicator', adjust({ indicatorId: 'water-quality' }), 'target.qualitative-has-no-target'],
    ['a zero target for a higher-is-better indicator', adjust({ adjustedTarget: 0 }), 'target.invalid'],
    ['a negative target', adjust({ indicatorId: 'unit-cost', adjustedTarget: -1 }), 'target.invalid'],
    ['no reason', adjust({ reason: '' }), 'target.reason-required'],
    ['the same target', adjust({ adjustedTarget: 1200 }), 'target.unchanged'],
  ])('refuses %s', (_label, command, ruleId) => {
    given(...historyAt.executing).when(command).thenRefuses('invariant', ruleId);
  });

  it('refuses adjustments outside execution', () => {
    given(...historyAt.admitted).when(adjust()).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});
