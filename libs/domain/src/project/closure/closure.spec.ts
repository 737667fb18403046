import { given } from '../../testing/decider-spec.js';
import { at, e, historyAt } from '../../testing/fixtures.js';
import { COMMAND_TYPES } from '../stages.js';
import type { ProjectCommand } from '../commands.js';

const now = '2026-07-01T00:00:00Z';
const close = { type: 'CloseProject', reason: 'Cycle complete' } as const;

describe('CloseProject (项目关闭)', () => {
  it('closes a project whose results were applied', () => {
    const outcome = given(...historyAt.results).when(close, at(now));
    outcome.then(e.closed);
    expect(outcome.stateAfter()).toMatchObject({ stage: 'closed', closed: true });
  });

  it.each(['proposed', 'goals-submitted', 'goals-revision', 'goals-approved', 'goals-barred', 'admitted', 'rejected'] as const)(
    'closes (withdraws) a project in stage %s',
    (stage) => {
      expect(given(...historyAt[stage]).when(close, at(now)).decision).toMatchObject({ ok: true, events: [{ data: { closedFrom: stage } }] });
    },
  );

  it('refuses closing while a rectification is open', () => {
    given(...historyAt.results, e.rectificationOrdered('rect-1'))
      .when(close, at(now))
      .thenRefuses('invariant', 'closure.open-rectifications');
  });

  it('refuses closing without a reason', () => {
    given(...historyAt.results).when({ type: 'CloseProject', reason: '' }, at(now)).thenRefuses('invariant', 'closure.reason-required');
  });

  it('refuses closing a funded project before its results are applied', () => {
    given(...historyAt.executing).when(close, at(now)).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });

  // Invariant: a closed project accepts no command — any command type, even a well-formed one.
  it.each(COMMAND_TYPES)('a closed project refuses %s', (type) => {
    const outcome = given(...historyAt.closed).when({ type } as ProjectCommand, at(now));
    expect(outcome.decision).toMatchObject({ ok: false, error: { kind: 'wrong-stage', ruleId: 'stage.closed' } });
  });
});
