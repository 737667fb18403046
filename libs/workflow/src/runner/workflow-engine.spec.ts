import type { ProjectCommand } from '@jixiao/domain';
import { WrongExpectedRevisionError } from '@jixiao/event-store';
import type { CommandDispatcher } from '../ports/command-dispatcher.js';
import { deviationCheck, indicatorDeviationId } from '../process-managers/deviation-check/deviation-check.js';
import { escalation } from '../process-managers/escalation/escalation.js';
import { monitoringCadence } from '../process-managers/monitoring-cadence/monitoring-cadence.js';
import { rectificationDeadline, rectificationTimerId } from '../process-managers/rectification-deadline/rectification-deadline.js';
import { evaluationRectificationId, resultApplication } from '../process-managers/result-application/result-application.js';
import { scoresFor, toExecution, workflowHarness, type Harness } from '../testing/workflow-harness.js';

const FY = 2025;
const score = (grade: 'excellent' | 'good' | 'fair' | 'poor', evaluationId = 'eval-1'): ProjectCommand => ({
  type: 'ScoreEvaluation', evaluationId, kind: 'finance', evaluatorId: 'finance-bureau', scores: scoresFor(grade), executionRateReason: 'Works still under way',
});
const count = (types: string[], type: string) => types.filter((t) => t === type).length;

async function fund(h: Harness, projectId: string): Promise<void> {
  for (const command of toExecution(projectId, FY)) await h.given(projectId, command);
}

describe('workflow engine end to end through the store, with a fake clock', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('readings: flags once per indicator and period, yellow escalates to red, resolved back on track', async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z');
    const engine = await h.engine({ processManagers: [deviationCheck] });
    await fund(h, 'p1');
    h.clock.set('2025-06-05T00:00:00Z');
    // May: 500 due of 1,200; 370 is 10.8 points behind → yellow.
    await h.given('p1', { type: 'RecordReading', readingId: 'r5', indicatorId: 'households', period: '2025-05', value: 370 });
    await engine.runUntilIdle();
    let project = await h.stream('p1');
    expect(project.filter((e) => e.type === 'DeviationFlagged').map((e) => [e.data['deviationId'], e.data['level']])).toEqual([[indicatorDeviationId('households', '2025-05'), 'yellow']]);
    const flag = project.find((e) => e.type === 'DeviationFlagged')!;
    const reading = project.find((e) => e.type === 'MonitoringReadingRecorded')!;
    expect(flag.metadata).toMatchObject({
      causationId: reading.id,
      correlationId: reading.metadata['correlationId'],
      actor: { id: 'workflow:deviation-check', role: 'system' },
      workflow: { processManager: 'deviation-check', rulebook: { id: 'national-2020', version: 1 } },
    });
    expect(flag.data['rulebook']).toEqual({ id: 'national-2020', version: 1 });
    // June: 600 due; 300 → red: the yellow escalates.
    h.clock.set('2025-07-05T00:00:00Z');
    await h.given('p1', { type: 'RecordReading', readingId: 'r6', indicatorId: 'households', period: '2025-06', value: 300 });
    await engine.runUntilIdle();
    await h.given('p1', { type: 'ExplainDeviation', deviationId: indicatorDeviationId('households', '2025-05'), cause: 'staff', measures: 'Hire', likelihood: 'possible' });
    await h.given('p1', { type: 'ExplainDeviation', deviationId: indicatorDeviationId('households', '2025-06'), cause: 'staff', measures: 'Hire', likelihood: 'possible' });
    await engine.runUntilIdle();
    // July: 700 due; 720 is back on track → both explained flags resolve.
    h.clock.set('2025-08-05T00:00:00Z');
    await h.given('p1', { type: 'RecordReading', readingId: 'r7', indicatorId: 'households', period: '2025-07', value: 720 });
    await engine.runUntilIdle();
    project = await h.stream('p1');
    expect(project.filter((e) => e.type === 'DeviationFlagged').map((e) => [e.data['deviationId'], e.data['level']])).toEqual([
      [indicatorDeviationId('households', '2025-05'), 'yellow'],
      [indicatorDeviationId('households', '2025-06'), 'red'],
    ]);
    expect(project.filter((e) => e.type === 'DeviationResolved').map((e) => e.data['deviationId']).sort()).toEqual([indicatorDeviationId('households', '2025-05'), indicatorDeviationId('households', '2025-06')]);
  });

  it('result application: fair is maintained and cut; excellent prioritised with an incentive; poor suspended, cut and ordered to rectify', async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z');
    const engine = await h.engine({ processManagers: [resultApplication] });
    for (const id of ['fair', 'excellent', 'poor', 'self']) await fund(h, id);
    h.clock.set('2025-12-20T00:00:00Z');
    await h.given('fair', score('fair'));
    await h.given('excellent', score('excellent'));
    await h.given('poor', score('poor'));
    // A poor self-evaluation sheet (30% of each target, by year-end actuals) drives nothing.
    await h.given('self', {
      ...score('poor'),
      kind: 'self',
      evaluatorId: 'water-bureau',
      scores: [
        { indicatorId: 'households', actual: 360, shortfallReason: 'Pipes delayed by floods' },
        { indicatorId: 'satisfaction', actual: 27, shortfallReason: 'Service interrupted for months' },
      ],
    } as ProjectCommand);
    await engine.runUntilIdle();
    expect((await h.types('fair')).slice(5)).toEqual(['EvaluationScored', 'ProjectMaintained', 'BudgetCut']);
    expect((await h.types('excellent')).slice(5)).toEqual(['EvaluationScored', 'ProjectPrioritised', 'IncentiveGranted']);
    expect((await h.types('poor')).slice(5)).toEqual(['EvaluationScored', 'ProjectSuspended', 'BudgetCut', 'RectificationOrdered']);
    expect((await h.types('self')).slice(5)).toEqual(['EvaluationScored']);
    const cut = (await h.stream('fair')).find((e) => e.type === 'BudgetCut')!;
    expect(cut.data).toMatchObject({ proportion: 0.1, amountFen: 10_000_000, rulebook: { id: 'national-2020', version: 1 } });
    const ordered = (await h.stream('poor')).find((e) => e.type === 'RectificationOrdered')!;
    expect(ordered.data['deadline']).toBe('2026-02-18T00:00:00.000Z'); // 60 days
  });

  it('rectification deadline: undone by the deadline → accountability and a further cut; verified in time → nothing', async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z');
    const engine = await h.engine({ processManagers: [resultApplication, rectificationDeadline] });
    await fund(h, 'late');
    await fund(h, 'done');
    h.clock.set('2025-12-20T00:00:00Z');
    await h.given('late', score('poor'));
    await h.given('done', score('poor'));
    await engine.runUntilIdle();
    await h.given('done', { type: 'ReportRectification', rectificationId: evaluationRectificationId('eval-1'), report: 'Fixed' });
    await h.given('done', { type: 'VerifyRectification', rectificationId: evaluationRectificationId('eval-1'), passed: true });
    h.clock.set('2026-02-18T00:00:00Z'); // the deadline itself: not yet overdue
    await engine.runUntilIdle();
    expect(count(await h.types('late'), 'AccountabilityActionTaken')).toBe(0);
    h.clock.set('2026-02-18T00:00:01Z');
    await engine.runUntilIdle();
    const late = await h.stream('late');
    expect(late.slice(-2).map((e) => [e.type, e.data['cause']])).toEqual([
      ['AccountabilityActionTaken', { kind: 'rectification', rectificationId: evaluationRectificationId('eval-1') }],
      ['BudgetCut', { kind: 'rectification', rectificationId: evaluationRectificationId('eval-1') }],
    ]);
    expect(late.at(-1)!.data).toMatchObject({ proportion: 0.1, rulebook: { id: 'national-2020', version: 1 } });
    expect(late.at(-1)!.metadata).toMatchObject({ actor: { id: 'workflow:rectification-deadline' }, workflow: { processManager: 'rectification-deadline' } });
    const done = await h.types('done');
    expect(count(done, 'AccountabilityActionTaken')).toBe(0);
    expect(count(done, 'BudgetCut')).toBe(1);
    const streams = { [`timer-${rectificationTimerId('done', evaluationRectificationId('eval-1'))}`]: 'done', [`timer-${rectificationTimerId('late', evaluationRectificationId('eval-1'))}`]: 'late' };
    const timers = (await h.all()).filter((e) => e.stream in streams).map((e) => `${streams[e.stream]}:${e.type}`);
    expect(timers.sort()).toEqual(['done:TimerCancelled', 'done:TimerScheduled', 'late:TimerFired', 'late:TimerScheduled']);
  });

  it('monitoring cadence: each period without a reading is flagged overdue when its due date passes', async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z');
    const engine = await h.engine({ processManagers: [monitoringCadence] });
    await fund(h, 'p1');
    await engine.runUntilIdle();
    h.clock.set('2025-02-05T00:00:00Z');
    await h.given('p1', { type: 'RecordReading', readingId: 'r1', indicatorId: 'households', period: '2025-01', value: 100 });
    for (const day of ['2025-02-11T00:00:00Z', '2025-02-11T00:00:02Z', '2025-03-20T00:00:00Z', '2025-04-12T00:00:00Z']) {
      h.clock.set(day);
      await engine.runUntilIdle();
    }
    const flagged = (await h.stream('p1')).filter((e) => e.type === 'ReadingOverdueFlagged').map((e) => `${e.data['indicatorId']}@${e.data['period']}`);
    expect(flagged).toEqual(['satisfaction@2025-01', 'households@2025-02', 'satisfaction@2025-02', 'households@2025-03', 'satisfaction@2025-03']);
  });

  it('escalation: a red deviation unexplained for 15 days goes to finance; an explained one does not', async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z');
    const engine = await h.engine({ processManagers: [deviationCheck, escalation] });
    await fund(h, 'quiet');
    await fund(h, 'explained');
    h.clock.set('2025-06-05T00:00:00Z');
    for (const id of ['quiet', 'explained']) await h.given(id, { type: 'RecordReading', readingId: 'r5', indicatorId: 'households', period: '2025-05', value: 100 });
    await engine.runUntilIdle();
    await h.given('explained', { type: 'ExplainDeviation', deviationId: indicatorDeviationId('households', '2025-05'), cause: 'funding', measures: 'Advance funds', likelihood: 'possible' });
    h.clock.set('2025-06-19T23:59:59Z');
    await engine.runUntilIdle();
    expect(count(await h.types('quiet'), 'DeviationEscalated')).toBe(0);
    h.clock.set('2025-06-20T00:00:00Z');
    await engine.runUntilIdle();
    expect(count(await h.types('quiet'), 'DeviationEscalated')).toBe(1);
    expect(count(await h.types('explained'), 'DeviationEscalated')).toBe(0);
  });
});

describe('delivery guarantees', () => {
  let h: Harness;
  afterEach(() => h.close());

  /** A year of one poor project with readings: every process manager has something to do. */
  async function busyYear(): Promise<void> {
    await fund(h, 'p1');
    await fund(h, 'p2');
    h.clock.set('2025-06-05T00:00:00Z');
    await h.given('p1', { type: 'RecordReading', readingId: 'r5', indicatorId: 'households', period: '2025-05', value: 100 });
    await h.given('p2', { type: 'RecordExpenditure', expenditureId: 'x1', amountFen: 1_000_000, spentOn: '2025-06-01' });
  }
  const afterwards = async (engine: { runUntilIdle(): Promise<void> }) => {
    for (const at of ['2025-06-05T00:00:00Z', '2025-07-01T00:00:00Z', '2025-12-20T00:00:00Z']) {
      h.clock.set(at);
      await engine.runUntilIdle();
    }
    await h.given('p1', score('poor'));
    await h.given('p2', score('fair'));
    for (const at of ['2025-12-21T00:00:00Z', '2026-03-01T00:00:00Z']) {
      h.clock.set(at);
      await engine.runUntilIdle();
    }
  };
  const projectEvents = async () => (await h.all()).filter((e) => e.stream.startsWith('project-')).map((e) => `${e.stream}:${e.type}:${JSON.stringify(e.data)}`);

  it('every event delivered twice still produces each resulting event once', async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z');
    await busyYear();
    const engine = await h.engine();
    await afterwards(engine);
    const once = await projectEvents();
    expect(once.filter((e) => e.includes(':BudgetCut:'))).toHaveLength(3);
    expect(once.filter((e) => e.includes(':AccountabilityActionTaken:'))).toHaveLength(1);
    // Deliver the whole log again: checkpoints back to zero, then a second worker with its own index.
    await h.db.run('UPDATE workflow_checkpoints SET position = 0');
    await engine.runUntilIdle();
    expect(await projectEvents()).toEqual(once);
    const db = await h.reopenDb();
    await db.exec('DROP TABLE workflow_checkpoints; DROP TABLE workflow_timers; DELETE FROM projection_checkpoints');
    const again = await h.engine();
    await again.runUntilIdle();
    expect(await projectEvents()).toEqual(once);
  });

  it('a worker killed between the triggering event and its command loses no step and repeats none', async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z');
    await fund(h, 'p1');
    await fund(h, 'p2');
    h.clock.set('2025-12-20T00:00:00Z');
    await h.given('p1', score('fair'));
    await h.given('p2', score('fair'));
    // Crash 1: the dispatcher dies before the cut is written (the store is down).
    const dying: CommandDispatcher = {
      dispatch: async (command, context) => {
        if (command.command.type === 'CutBudget' && command.projectId === 'p1') throw new Error('store unavailable');
        return h.dispatcher.dispatch(command, context);
      },
    };
    let engine = await h.engine({ processManagers: [resultApplication], dispatcher: dying, holder: 'w1', leaseTtlMs: 1000 });
    await expect(engine.runUntilIdle()).rejects.toThrow('store unavailable');
    expect(count(await h.types('p1'), 'BudgetCut')).toBe(0);
    // Crash 2: the cut is written, then the worker dies before its checkpoint moves.
    const written: CommandDispatcher = {
      dispatch: async (command, context) => {
        const outcome = await h.dispatcher.dispatch(command, context);
        if (command.command.type === 'CutBudget' && command.projectId === 'p1') throw new Error('killed after the write');
        return outcome;
      },
    };
    engine = await h.engine({ processManagers: [resultApplication], dispatcher: written, holder: 'w1', leaseTtlMs: 1000 });
    await expect(engine.runUntilIdle()).rejects.toThrow('killed after the write');
    expect(count(await h.types('p1'), 'BudgetCut')).toBe(1);
    // The restarted worker (another holder, once the lease has lapsed) finishes the job.
    h.clock.set('2025-12-20T00:00:02Z');
    await h.reopenDb();
    engine = await h.engine({ processManagers: [resultApplication], holder: 'w2' });
    await engine.runUntilIdle();
    for (const id of ['p1', 'p2']) expect((await h.types(id)).slice(5)).toEqual(['EvaluationScored', 'ProjectMaintained', 'BudgetCut']);
    expect((await engine.status())[0]).toMatchObject({ name: 'result-application', lag: 0 });
  });

  it('a command the domain no longer accepts is recorded and skipped, not retried', async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z');
    await fund(h, 'p1');
    h.clock.set('2025-12-20T00:00:00Z');
    await h.given('p1', score('fair'));
    // Finance got there first: the result is applied and the cut made by hand.
    await h.given('p1', { type: 'ApplyResult', evaluationId: 'eval-1', decision: 'maintain' });
    await h.given('p1', { type: 'CutBudget', cutId: 'manual', cause: { kind: 'evaluation', evaluationId: 'eval-1' } });
    const engine = await h.engine({ processManagers: [resultApplication] });
    await engine.runUntilIdle();
    expect(count(await h.types('p1'), 'BudgetCut')).toBe(1);
    expect((await engine.refusals()).map((r) => [r.commandType, r.ruleId])).toEqual([]);
    // The evaluation event found the project already past 'evaluated': the reaction issued nothing.
    // A stale trigger handled anyway (as on redelivery after a manual step) is refused and recorded:
    const scored = (await h.stream('p1')).find((e) => e.type === 'EvaluationScored')!;
    await engine.handle({ ...resultApplication, react: () => [{ kind: 'command', command: { type: 'ApplyResult', evaluationId: 'eval-1', decision: 'maintain' } }] }, scored);
    expect((await engine.refusals()).map((r) => [r.commandType, r.ruleId])).toEqual([['ApplyResult', 'stage.command-not-allowed']]);
  });
});

describe('durable timers', () => {
  let h: Harness;
  afterEach(() => h.close());
  const timer = (timerId: string, dueAt: string) => ({ timerId, processManager: 'escalation', projectId: 'p1', dueAt, payload: { deviationId: 'd1' } });
  const timerEvents = async (timerId: string) => (await h.all()).filter((e) => e.stream === `timer-${timerId}`).map((e) => e.type);

  it('fire after a restart, and never twice', async () => {
    h = await workflowHarness('2025-01-01T00:00:00Z');
    let engine = await h.engine({ processManagers: [] });
    await engine.timers.schedule(timer('t1', '2025-01-10T00:00:00Z'), {});
    await engine.runUntilIdle();
    // The worker stops; time passes; a new one starts on the same database.
    await h.reopenDb();
    h.clock.set('2025-01-11T00:00:00Z');
    engine = await h.engine({ processManagers: [] });
    await engine.runUntilIdle();
    expect(await timerEvents('t1')).toEqual(['TimerScheduled', 'TimerFired']);
    // Restart again with the index forgotten: the store refuses a second fire.
    const db = await h.reopenDb();
    await db.exec('DROP TABLE workflow_timers; DELETE FROM projection_checkpoints');
    engine = await h.engine({ processManagers: [] });
    await engine.runUntilIdle();
    expect(await timerEvents('t1')).toEqual(['TimerScheduled', 'TimerFired']);
  });

  it('a cancelled timer never fires', async () => {
    h = await workflowHarness('2025-01-01T00:00:00Z');
    const engine = await h.engine({ processManagers: [] });
    await engine.timers.schedule(timer('t2', '2025-01-10T00:00:00Z'), {});
    await engine.runUntilIdle();
    expect(await engine.timers.cancel('t2', {})).toBe('cancelled');
    h.clock.set('2025-02-01T00:00:00Z');
    await engine.runUntilIdle();
    expect(await engine.timers.fire('t2')).toBe('already-settled');
    expect(await timerEvents('t2')).toEqual(['TimerScheduled', 'TimerCancelled']);
  });

  it('two schedulers racing fire a timer once; a fire racing a cancel leaves exactly one of them', async () => {
    h = await workflowHarness('2025-01-01T00:00:00Z');
    const a = await h.engine({ processManagers: [], holder: 'a' });
    const b = await h.engine({ processManagers: [], holder: 'b' });
    for (let i = 0; i < 20; i++) await a.timers.schedule(timer(`race-${i}`, '2025-01-02T00:00:00Z'), {});
    h.clock.set('2025-01-03T00:00:00Z');
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => [a.timers.fire(`race-${i}`), b.timers.fire(`race-${i}`), i % 2 ? a.timers.cancel(`race-${i}`, {}) : Promise.resolve('skipped')]).flat());
    for (let i = 0; i < 20; i++) {
      const events = await timerEvents(`race-${i}`);
      expect(events).toHaveLength(2);
      expect(events[0]).toBe('TimerScheduled');
    }
    expect(outcomes.filter((o) => o === 'fired').length + outcomes.filter((o) => o === 'cancelled').length).toBe(20);
  });

  it('schedules idempotently: the same timer twice is one stream', async () => {
    h = await workflowHarness('2025-01-01T00:00:00Z');
    const engine = await h.engine({ processManagers: [] });
    expect(await engine.timers.schedule(timer('t3', '2025-01-10T00:00:00Z'), {})).toBe('scheduled');
    expect(await engine.timers.schedule(timer('t3', '2025-01-10T00:00:00Z'), {})).toBe('already-scheduled');
    expect(WrongExpectedRevisionError).toBeDefined();
  });
});

describe('leases', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('two workers never run the same process manager at once; the second takes over when the first lapses', async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z');
    for (let i = 0; i < 20; i++) await fund(h, `p${i}`);
    h.clock.set('2025-12-20T00:00:00Z');
    for (let i = 0; i < 20; i++) await h.given(`p${i}`, score(i % 2 ? 'fair' : 'poor'));
    const active = new Map<string, string[]>();
    let overlaps = 0;
    const handledBy = new Map<string, Set<string>>();
    const around = (holder: string) => async <T>(pm: string, work: () => Promise<T>): Promise<T> => {
      const now = active.get(pm) ?? [];
      if (now.length > 0) overlaps++;
      active.set(pm, [...now, holder]);
      handledBy.set(pm, (handledBy.get(pm) ?? new Set()).add(holder));
      try {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return await work();
      } finally {
        active.set(pm, (active.get(pm) ?? []).filter((x) => x !== holder));
      }
    };
    const a = await h.engine({ holder: 'a', around: around('a'), leaseTtlMs: 60_000, idleMs: 1 });
    const b = await h.engine({ holder: 'b', around: around('b'), leaseTtlMs: 60_000, idleMs: 1 });
    a.start();
    b.start();
    await a.whenIdle();
    await b.whenIdle();
    await a.stop();
    await b.stop();
    expect(overlaps).toBe(0);
    for (const holders of handledBy.values()) expect(holders.size).toBe(1);
    const cuts = (await h.all()).filter((e) => e.type === 'BudgetCut');
    expect(cuts).toHaveLength(20);
    // The holder of result-application stops renewing; after the lease expires the other takes it.
    const holder = handledBy.get('result-application')!.has('a') ? a : b;
    const other = holder === a ? b : a;
    expect(await other.leases.acquire('workflow:result-application')).toBe(false);
    h.clock.set('2025-12-20T00:01:01Z');
    expect(await other.leases.acquire('workflow:result-application')).toBe(true);
    expect(await holder.leases.acquire('workflow:result-application')).toBe(false);
  });
});
