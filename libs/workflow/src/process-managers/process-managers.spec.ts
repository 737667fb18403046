import { nationalRulebook2020, practiceRulebook2026, practiceRulebook2027, replay, type ProjectEvent } from '@jixiao/domain';
import { e, historyAt, PROJECT_ID } from '../../../domain/src/testing/fixtures.js';
import { makeEvent } from '../../../domain/src/project/make-event.js';
import type { ProcessManager, Reaction, WorkflowEvent } from '../process-manager.js';
import { assessmentTimerId, lightsAssessment } from './lights-assessment/lights-assessment.js';
import { escalation, escalationTimerId, legacyEscalationTimerId } from './escalation/escalation.js';
import { cadenceTimerId, legacyCadenceTimerId, monitoringCadence } from './monitoring-cadence/monitoring-cadence.js';
import { legacyRectificationTimerId, overdueActionId, overdueCutId, rectificationDeadline, rectificationTimerId } from './rectification-deadline/rectification-deadline.js';
import { evaluationCutId, evaluationRectificationId, resultApplication } from './result-application/result-application.js';
import { midTermEvaluation, midTermTimerId } from './mid-term-evaluation/mid-term-evaluation.js';

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

describe('lights assessment (亮灯评估)', () => {
  const allocated = { ...e.allocated };
  const at = (asOf: string) => fired('lights-assessment', { asOf });
  it('funding schedules the first assessment date still ahead of entry time, with an id digested from its parts', () => {
    const reactions = given(...historyAt.admitted).when(lightsAssessment, allocated, '2025-01-15T00:00:00Z', practiceRulebook2026);
    expect(reactions).toEqual([{ kind: 'schedule', timerId: assessmentTimerId(PROJECT_ID, '2025-06-30'), dueAt: '2025-07-01T00:00:00.000Z', payload: { asOf: '2025-06-30' } }]);
    expect(assessmentTimerId(PROJECT_ID, '2025-06-30')).toMatch(/^lights-[0-9a-f]{32}$/);
    expect(assessmentTimerId('a-2025', '06-30')).not.toBe(assessmentTimerId('a', '2025-06-30'));
  });
  it('a year entered after its assessment dates (back-filled) schedules none; nor does a rulebook without assessment dates', () => {
    expect(given(...historyAt.admitted).when(lightsAssessment, allocated, '2026-11-29T00:00:00Z', practiceRulebook2026)).toEqual([]);
    expect(given(...historyAt.admitted).when(lightsAssessment, allocated, '2025-01-15T00:00:00Z', nationalRulebook2020)).toEqual([]);
  });
  it('at an assessment date: AssessLights when the judgement finds a change, and the next date', () => {
    expect(given(...historyAt.executing).when(lightsAssessment, at('2025-06-30'), '2025-07-01T00:00:00Z', practiceRulebook2026)).toEqual([
      { kind: 'command', command: { type: 'AssessLights', asOf: '2025-06-30' } },
      { kind: 'schedule', timerId: assessmentTimerId(PROJECT_ID, '2025-07-31'), dueAt: '2025-08-01T00:00:00.000Z', payload: { asOf: '2025-07-31' } },
    ]);
  });
  it('no command when nothing would change; December is the last date; execution ending stops the chain', () => {
    const lit = makeEvent('LightAssessed', { subject: { kind: 'budget' }, light: 'green', previous: null, expected: 50_000_000, actual: 100_000_000, ratio: 2, gap: 0, progress: 0.5, asOf: '2025-06-30', rulebook: { id: 'practice-2026', version: 1 } });
    const spentOnPace = [...historyAt.executing, e.spent('x1', 100_000_000, 100_000_000, '2025-06-01'), lit];
    expect(commands(given(...spentOnPace).when(lightsAssessment, at('2025-12-31'), '2026-01-01T00:00:00Z', practiceRulebook2026))).toEqual([]);
    expect(given(...spentOnPace).when(lightsAssessment, at('2025-12-31'), '2026-01-01T00:00:00Z', practiceRulebook2026).filter((r) => r.kind === 'schedule')).toEqual([]);
    expect(given(...historyAt.evaluated).when(lightsAssessment, at('2025-06-30'), '2025-07-01T00:00:00Z', practiceRulebook2026)).toEqual([]);
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
  it('under practice-2027 (10号) finance chooses: fair and poor only get rectification ordered; excellent and good get nothing', () => {
    const under2027 = (grade: 'excellent' | 'good' | 'fair' | 'poor') => given(...historyAt.executing).when(resultApplication, e.scored('eval-1', grade), undefined, practiceRulebook2027);
    for (const grade of ['fair', 'poor'] as const) {
      expect(commands(under2027(grade))).toEqual([expect.objectContaining({ type: 'OrderRectification', rectificationId: evaluationRectificationId('eval-1'), evaluationId: 'eval-1' })]);
    }
    expect([under2027('excellent'), under2027('good')]).toEqual([[], []]);
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
  it('a yellow warning raised to red sets the timer from its entry time; the data clearing it cancels the timer', () => {
    const yellow = { ...e.deviationFlagged('d1'), data: { ...e.deviationFlagged('d1').data, level: 'yellow' as const } };
    const basis = { expected: 600, actual: 200, ratio: 0.33, gap: 0.33, progress: 0.5, asOf: '2025-06-30', rulebook: { id: 'practice-2026', version: 1 } };
    const subject = { kind: 'indicator' as const, indicatorId: 'households', readingId: 'r6', period: '2025-06' };
    const raised = makeEvent('DeviationRaised', { deviationId: 'd1', subject, level: 'red', raisedAt: '2026-11-29T10:00:00.000Z', ...basis });
    expect(given(...flagged, yellow).when(escalation, raised)).toEqual([
      { kind: 'schedule', timerId: escalationTimerId(PROJECT_ID, 'd1'), legacyTimerId: legacyEscalationTimerId(PROJECT_ID, 'd1'), dueAt: '2026-12-14T10:00:00.000Z', payload: { deviationId: 'd1' } },
    ]);
    const cleared = makeEvent('DeviationCleared', { deviationId: 'd1', subject, light: 'green', clearedAt: '2026-11-30T00:00:00.000Z', explained: false, ...basis });
    expect(given(...flagged, e.deviationFlagged('d1')).when(escalation, cleared)).toEqual([{ kind: 'cancel', timerId: escalationTimerId(PROJECT_ID, 'd1'), legacyTimerId: legacyEscalationTimerId(PROJECT_ID, 'd1'), payload: { deviationId: 'd1' } }]);
    expect(given(...flagged, e.deviationFlagged('d1'), cleared).when(escalation, fired('escalation', { deviationId: 'd1' }), '2027-01-01T00:00:00Z')).toEqual([]);
  });
});

describe('mid-term evaluation (中期评价, 10号)', () => {
  const period = (endYear: number) => makeEvent('MediumTermGoalsSet', { startYear: 2025, endYear, overallGoal: 'Every village', indicators: ['覆盖 120 个行政村'], setAt: '2025-01-02T00:00:00Z' });
  const midLife = '2027-07-03T00:00:00.000Z';
  it('a period of five years or more schedules a timer at mid-life; a shorter one none', () => {
    expect(given(...historyAt.executing).when(midTermEvaluation, period(2029))).toEqual([{ kind: 'schedule', timerId: midTermTimerId(PROJECT_ID, midLife), dueAt: midLife, payload: { midLifeAt: midLife } }]);
    expect(given(...historyAt.executing).when(midTermEvaluation, period(2028))).toEqual([]);
  });
  it('the timer orders the evaluation once; a timer of a period since changed orders nothing', () => {
    const fire = fired('mid-term-evaluation', { midLifeAt: midLife });
    expect(commands(given(...historyAt.executing, period(2029)).when(midTermEvaluation, fire, midLife))).toEqual([{ type: 'OrderMidTermEvaluation' }]);
    expect(commands(given(...historyAt.executing, period(2029), period(2031)).when(midTermEvaluation, fire, midLife))).toEqual([]);
    const ordered = makeEvent('MidTermEvaluationOrdered', { midLifeAt: midLife, fiscalYear: 2025, orderedAt: midLife });
    expect(commands(given(...historyAt.executing, period(2029), ordered).when(midTermEvaluation, fire, midLife))).toEqual([]);
  });
});

describe('timers of a year the project has left', () => {
  it('a lights date or a reading period of the year before does nothing once the next year executes', () => {
    // Year 2026 executing, its own goals and allocation.
    const nextYear = [
      ...historyAt.results,
      makeEvent('CycleOpened', {
        fiscalYear: 2026,
        overallGoal: 'Second year',
        indicators: historyAt.executing.flatMap((x) => (x.type === 'PerformanceGoalSet' ? x.data.indicators : [])).map((i) => ({ ...i, deadline: '2026-12-31' })),
        requestedFen: 100_000_000,
        carriedOver: { fromFiscalYear: 2025, resultDecision: 'maintain', resultEvaluationId: 'eval-1', adjustedBudgetFen: 100_000_000, cuts: [], cutTotalFen: 0, capFen: 100_000_000, openRectificationIds: [] },
        openedAt: '2026-05-01T00:00:00Z',
      }),
      e.reviewed('good'),
      e.admitted,
      { ...e.allocated, data: { ...e.allocated.data, allocatedAt: '2026-06-01T00:00:00Z' } },
    ];
    expect(replay(nextYear)).toMatchObject({ fiscalYear: 2026, stage: 'executing' });
    expect(given(...nextYear).when(lightsAssessment, fired('lights-assessment', { asOf: '2025-12-31' }), '2026-07-01T00:00:00Z', practiceRulebook2026)).toEqual([]);
    expect(given(...nextYear).when(monitoringCadence, fired('monitoring-cadence', { period: '2025-12' }), '2026-07-01T00:00:00Z')).toEqual([]);
    // The same timers of the year in force still act.
    expect(commands(given(...nextYear).when(monitoringCadence, fired('monitoring-cadence', { period: '2026-06' }), '2026-07-11T00:00:00Z')).length).toBeGreaterThan(0);
  });
});

describe('a rectification overdue after the next year opened', () => {
  it('calls for accountability only: the next year is not funded, so there is nothing to cut', () => {
    const carried = [
      ...historyAt.evaluated,
      e.rectificationOrdered('rect-1', '2026-06-01T00:00:00Z'),
      e.maintained(),
      makeEvent('CycleOpened', {
        fiscalYear: 2026,
        overallGoal: 'Second year',
        indicators: historyAt.executing.flatMap((x) => (x.type === 'PerformanceGoalSet' ? x.data.indicators : [])).map((i) => ({ ...i, deadline: '2026-12-31' })),
        requestedFen: 100_000_000,
        carriedOver: { fromFiscalYear: 2025, resultDecision: 'maintain', resultEvaluationId: 'eval-1', adjustedBudgetFen: 100_000_000, cuts: [], cutTotalFen: 0, capFen: 100_000_000, openRectificationIds: ['rect-1'] },
        openedAt: '2026-05-01T00:00:00Z',
      }),
    ];
    expect(replay(carried)).toMatchObject({ stage: 'goals-submitted', rectifications: [{ rectificationId: 'rect-1', status: 'ordered' }] });
    const reactions = given(...carried).when(rectificationDeadline, fired('rectification-deadline', { rectificationId: 'rect-1' }), '2026-06-01T00:00:01Z');
    expect(commands(reactions).map((c) => c.type)).toEqual(['TakeAccountabilityAction']);
  });
});
