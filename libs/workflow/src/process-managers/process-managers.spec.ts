import { nationalRulebook2020, replay, type ProjectEvent } from '@jixiao/domain';
import { e, historyAt, PROJECT_ID } from '../../../domain/src/testing/fixtures.js';
import type { ProcessManager, Reaction, WorkflowEvent } from '../process-manager.js';
import { budgetDeviationId, deviationCheck, indicatorDeviationId } from './deviation-check/deviation-check.js';
import { escalation, escalationTimerId, legacyEscalationTimerId } from './escalation/escalation.js';
import { cadenceTimerId, legacyCadenceTimerId, monitoringCadence } from './monitoring-cadence/monitoring-cadence.js';
import { legacyRectificationTimerId, overdueActionId, overdueCutId, rectificationDeadline, rectificationTimerId } from './rectification-deadline/rectification-deadline.js';
import { evaluationCutId, resultApplication } from './result-application/result-application.js';

/** Given the project's history, when this event (the last of it) is handled at `now`, then these reactions. */
const given = (...history: ProjectEvent[]) => ({
  when: (pm: ProcessManager, trigger: ProjectEvent | { type: 'TimerFired'; data: Record<string, unknown> }, now = '2025-07-01T00:00:00Z', rulebook = nationalRulebook2020) => {
    const events = 'schemaVersion' in trigger ? [...history, trigger as ProjectEvent] : history;
    const event: WorkflowEvent = { id: 'trigger', type: trigger.type, data: trigger.data as never, metadata: {}, stream: `project-${PROJECT_ID}`, position: 99 };
    return pm.react(event, { projectId: PROJECT_ID, project: replay(events) }, rulebook, now);
  },
});
const commands = (reactions: Reaction[]) => reactions.flatMap((r) => (r.kind === 'command' ? [r.command] : []));
const fired = (processManager: string, payload: Record<string, unknown>) => ({ type: 'TimerFired' as const, data: { processManager, projectId: PROJECT_ID, payload } });

describe('deviation check (双监控)', () => {
  it('flags a reading behind progress once, with an id derived from indicator and period', () => {
    expect(given(...historyAt.executing).when(deviationCheck, e.reading('r5', 'households', '2025-05', 200))).toEqual([
      { kind: 'command', command: { type: 'FlagDeviation', deviationId: indicatorDeviationId('households', '2025-05'), subject: { kind: 'indicator', readingId: 'r5' } } },
    ]);
  });
  it('adds nothing for a reading within the thresholds', () => {
    expect(given(...historyAt.executing).when(deviationCheck, e.reading('r5', 'households', '2025-05', 480))).toEqual([]);
  });
  it('a yellow flag escalates to red; another yellow reading adds nothing', () => {
    const yellow = { ...e.deviationFlagged(indicatorDeviationId('households', '2025-05')), data: { ...e.deviationFlagged('x').data, deviationId: indicatorDeviationId('households', '2025-05'), level: 'yellow' as const } };
    const history = [...historyAt.executing, e.reading('r5', 'households', '2025-05', 400), yellow];
    // June: 600 due; 470 is 10.8 points behind (yellow) → nothing new; 300 is 25 behind (red) → a red flag.
    expect(given(...history).when(deviationCheck, e.reading('r6', 'households', '2025-06', 470))).toEqual([]);
    expect(commands(given(...history).when(deviationCheck, e.reading('r6', 'households', '2025-06', 300)))).toEqual([
      { type: 'FlagDeviation', deviationId: indicatorDeviationId('households', '2025-06'), subject: { kind: 'indicator', readingId: 'r6' } },
    ]);
  });
  it('a red flag open on the indicator holds back further flags', () => {
    const history = [...historyAt.executing, e.reading('r-households-05', 'households', '2025-05', 200), e.deviationFlagged('d1')];
    expect(given(...history).when(deviationCheck, e.reading('r6', 'households', '2025-06', 250))).toEqual([]);
  });
  it('resolves an explained flag when a later reading is back on track, and one explained after the recovery', () => {
    const flagged = [...historyAt.executing, e.reading('r-households-05', 'households', '2025-05', 200), e.deviationFlagged('d1')];
    expect(commands(given(...flagged, e.deviationExplained('d1')).when(deviationCheck, e.reading('r6', 'households', '2025-06', 600)))).toEqual([
      { type: 'ResolveDeviation', deviationId: 'd1', resolution: 'Reading 2025-06 is back on track' },
    ]);
    // Unexplained: the domain resolves only explained deviations, so nothing yet…
    expect(given(...flagged).when(deviationCheck, e.reading('r6', 'households', '2025-06', 600))).toEqual([]);
    // …and the explanation, arriving after the recovery, resolves it.
    expect(commands(given(...flagged, e.reading('r6', 'households', '2025-06', 600)).when(deviationCheck, e.deviationExplained('d1')))).toEqual([
      { type: 'ResolveDeviation', deviationId: 'd1', resolution: 'Reading 2025-06 is back on track' },
    ]);
  });
  it('flags spending behind progress once while no budget flag is open', () => {
    expect(commands(given(...historyAt.executing).when(deviationCheck, e.spent('x1', 1_000_000, 1_000_000)))).toEqual([
      { type: 'FlagDeviation', deviationId: budgetDeviationId('x1'), subject: { kind: 'budget' } },
    ]);
    expect(given(...historyAt.executing).when(deviationCheck, e.spent('x1', 50_000_000, 50_000_000))).toEqual([]);
  });
  it('does nothing once execution has ended', () => {
    expect(given(...historyAt.evaluated).when(deviationCheck, e.reading('r5', 'households', '2025-05', 200))).toEqual([]);
  });
});

describe('result application (结果应用)', () => {
  const at = (grade: 'excellent' | 'good' | 'fair' | 'poor', kind: 'finance' | 'self' = 'finance') =>
    given(...historyAt.executing).when(resultApplication, e.scored('eval-1', grade, kind));
  it('excellent → prioritised with an incentive', () => {
    expect(commands(at('excellent')).map((c) => c.type)).toEqual(['ApplyResult', 'GrantIncentive']);
    expect(commands(at('excellent'))[0]).toMatchObject({ decision: 'prioritise' });
  });
  it('good → maintained', () => {
    expect(commands(at('good'))).toEqual([expect.objectContaining({ type: 'ApplyResult', decision: 'maintain' })]);
  });
  it('fair → maintained and cut by the rulebook proportion (the domain computes the amount)', () => {
    expect(commands(at('fair'))).toEqual([
      expect.objectContaining({ type: 'ApplyResult', decision: 'maintain' }),
      { type: 'CutBudget', cutId: evaluationCutId('eval-1'), cause: { kind: 'evaluation', evaluationId: 'eval-1' } },
    ]);
  });
  it('poor → suspended, cut, and rectification ordered', () => {
    expect(commands(at('poor')).map((c) => [c.type, 'decision' in c ? c.decision : undefined])).toEqual([
      ['ApplyResult', 'suspend'],
      ['CutBudget', undefined],
      ['OrderRectification', undefined],
    ]);
  });
  it('a self-evaluation draft drives nothing', () => {
    expect(at('poor', 'self')).toEqual([]);
  });
  it('follows the rulebook in force: a rulebook without a cut for fair issues none', () => {
    const lenient = { ...nationalRulebook2020, version: 2, resultPolicy: { ...nationalRulebook2020.resultPolicy, fair: { ...nationalRulebook2020.resultPolicy.fair!, cutProportion: 0 } } };
    expect(commands(given(...historyAt.executing).when(resultApplication, e.scored('eval-1', 'fair'), undefined, lenient)).map((c) => c.type)).toEqual(['ApplyResult']);
  });
});

describe('rectification deadline (整改)', () => {
  const ordered = e.rectificationOrdered('rect-1', '2026-06-01T00:00:00Z');
  it('sets a timer just after the deadline', () => {
    expect(given(...historyAt.results).when(rectificationDeadline, ordered)).toEqual([
      { kind: 'schedule', timerId: rectificationTimerId(PROJECT_ID, 'rect-1'), legacyTimerId: legacyRectificationTimerId(PROJECT_ID, 'rect-1'), dueAt: '2026-06-01T00:00:01.000Z', payload: { rectificationId: 'rect-1' } },
    ]);
  });
  it('when the timer fires on an undone rectification: accountability and a further cut citing it', () => {
    const reactions = given(...historyAt.results, ordered).when(rectificationDeadline, fired('rectification-deadline', { rectificationId: 'rect-1' }), '2026-06-01T00:00:01Z');
    expect(commands(reactions)).toEqual([
      expect.objectContaining({ type: 'TakeAccountabilityAction', actionId: overdueActionId('rect-1'), cause: { kind: 'rectification', rectificationId: 'rect-1' }, target: 'water-bureau' }),
      { type: 'CutBudget', cutId: overdueCutId('rect-1'), cause: { kind: 'rectification', rectificationId: 'rect-1' } },
    ]);
  });
  it('a reported or verified rectification is not overdue; a passed verification cancels the timer', () => {
    const firing = fired('rectification-deadline', { rectificationId: 'rect-1' });
    expect(given(...historyAt.results, ordered, e.rectificationReported('rect-1')).when(rectificationDeadline, firing, '2026-06-02T00:00:00Z')).toEqual([]);
    const verified = { type: 'RectificationVerified', schemaVersion: 1, data: { rectificationId: 'rect-1', passed: true, note: null, verifiedAt: '2026-05-02T00:00:00Z' } } as const;
    expect(given(...historyAt.results, ordered, e.rectificationReported('rect-1')).when(rectificationDeadline, verified)).toEqual([
      { kind: 'cancel', timerId: rectificationTimerId(PROJECT_ID, 'rect-1'), legacyTimerId: legacyRectificationTimerId(PROJECT_ID, 'rect-1'), payload: { rectificationId: 'rect-1' } },
    ]);
  });
});

describe('monitoring cadence (监控频次)', () => {
  it('a funded project owes its first reading for the period it was funded in', () => {
    // Allocated 15 January 2025: January's reading is due 10 days after the month ends.
    expect(given(...historyAt.admitted).when(monitoringCadence, e.allocated)).toEqual([
      { kind: 'schedule', timerId: cadenceTimerId(PROJECT_ID, '2025-01'), legacyTimerId: legacyCadenceTimerId(PROJECT_ID, '2025-01'), dueAt: '2025-02-11T00:00:01.000Z', payload: { period: '2025-01' } },
    ]);
  });
  it('when the timer fires: every indicator without a reading is flagged overdue, and the next period is set', () => {
    const history = [...historyAt.executing, e.reading('r1', 'households', '2025-01', 100)];
    const reactions = given(...history).when(monitoringCadence, fired('monitoring-cadence', { period: '2025-01' }), '2025-02-11T00:00:01Z');
    expect(commands(reactions).map((c) => ('indicatorId' in c ? c.indicatorId : ''))).toEqual(['unit-cost', 'water-quality', 'illness-drop', 'satisfaction']);
    expect(reactions.at(-1)).toEqual({ kind: 'schedule', timerId: cadenceTimerId(PROJECT_ID, '2025-02'), legacyTimerId: legacyCadenceTimerId(PROJECT_ID, '2025-02'), dueAt: '2025-03-11T00:00:01.000Z', payload: { period: '2025-02' } });
  });
  it('December is the last period; execution over ends the chain', () => {
    const december = given(...historyAt.executing).when(monitoringCadence, fired('monitoring-cadence', { period: '2025-12' }), '2026-01-11T00:00:01Z');
    expect(december.filter((r) => r.kind === 'schedule')).toEqual([]);
    expect(given(...historyAt.evaluated).when(monitoringCadence, fired('monitoring-cadence', { period: '2025-06' }))).toEqual([]);
  });
});

describe('escalation (偏差升级)', () => {
  const flagged = [...historyAt.executing, e.reading('r-households-05', 'households', '2025-05', 200)];
  it('a red flag sets a timer at the rulebook escalation days; explaining cancels it', () => {
    expect(given(...flagged).when(escalation, e.deviationFlagged('d1', '2025-07-01T00:00:00Z'))).toEqual([
      { kind: 'schedule', timerId: escalationTimerId(PROJECT_ID, 'd1'), legacyTimerId: legacyEscalationTimerId(PROJECT_ID, 'd1'), dueAt: '2025-07-16T00:00:00.000Z', payload: { deviationId: 'd1' } },
    ]);
    expect(given(...flagged, e.deviationFlagged('d1')).when(escalation, e.deviationExplained('d1'))).toEqual([{ kind: 'cancel', timerId: escalationTimerId(PROJECT_ID, 'd1'), legacyTimerId: legacyEscalationTimerId(PROJECT_ID, 'd1'), payload: { deviationId: 'd1' } }]);
  });
  it('a yellow flag sets no timer', () => {
    const yellow = { ...e.deviationFlagged('d1'), data: { ...e.deviationFlagged('d1').data, level: 'yellow' as const } };
    expect(given(...flagged).when(escalation, yellow)).toEqual([]);
  });
  it('when the timer fires: an unexplained deviation is escalated, an explained one is not', () => {
    const firing = fired('escalation', { deviationId: 'd1' });
    expect(commands(given(...flagged, e.deviationFlagged('d1')).when(escalation, firing, '2025-07-16T00:00:00Z'))).toEqual([{ type: 'EscalateDeviation', deviationId: 'd1' }]);
    expect(given(...flagged, e.deviationFlagged('d1'), e.deviationExplained('d1')).when(escalation, firing)).toEqual([]);
  });
});
