import type { ProjectCommand } from '@jixiao/domain';
import { PostgresEventStore } from '@jixiao/event-store';
import { PostgresReadModelDatabase } from '@jixiao/projections';
import { startTestPostgres, type TestPostgres } from '../../../event-store/src/postgres/test-database.js';
import type { CommandDispatcher } from '../ports/command-dispatcher.js';
import type { ProcessManager } from '../process-manager.js';
import { deviationCheck } from '../process-managers/deviation-check/deviation-check.js';
import { escalation } from '../process-managers/escalation/escalation.js';
import { rectificationDeadline } from '../process-managers/rectification-deadline/rectification-deadline.js';
import { resultApplication } from '../process-managers/result-application/result-application.js';
import { scoresFor, toExecution, workflowHarness, type Harness, type HarnessBackend } from '../testing/workflow-harness.js';
import { timerStream } from '../timers/timer-events.js';
import type { WorkflowEngine } from './workflow-engine.js';

/*
 * Issue 11: background loops that never stop the world. Each case failed before the fix
 * (see the note in each) and runs on SQLite files and on PostgreSQL (store and read models).
 */
const FY = 2025;
const score = (grade: 'excellent' | 'good' | 'fair' | 'poor', evaluationId = 'eval-1'): ProjectCommand => ({
  type: 'ScoreEvaluation', evaluationId, kind: 'finance', evaluatorId: 'finance-bureau', scores: scoresFor(grade), executionRateReason: 'Works still under way',
});
const count = (types: string[], type: string) => types.filter((t) => t === type).length;
const fund = async (h: Harness, projectId: string, indicatorId = 'households') => {
  for (const command of toExecution(projectId, FY)) {
    if (command.type === 'SetPerformanceGoals' && indicatorId !== 'households') {
      const indicators = (command.indicators as unknown as Array<Record<string, unknown>>).map((i) => (i['indicatorId'] === 'households' ? { ...i, indicatorId } : i));
      await h.given(projectId, { ...command, indicators } as never);
    } else {
      await h.given(projectId, command);
    }
  }
};
/** Ticks until idle, letting failed passes fail (a background loop would back off and go on). */
async function settle(engine: WorkflowEngine, passes = 50): Promise<number> {
  let failures = 0;
  for (let i = 0; i < passes; i++) {
    try {
      if ((await engine.tick()) === 0) return failures;
    } catch {
      failures++;
    }
  }
  throw new Error(`still busy after ${passes} passes`);
}

let postgres: TestPostgres | undefined;
let schemas = 0;
const backends: Record<string, () => Promise<HarnessBackend | undefined>> = {
  sqlite: async () => undefined,
  postgres: async () => {
    postgres ??= await startTestPostgres();
    const schema = `wf_faults_${++schemas}`;
    const url = postgres.url;
    return { store: await PostgresEventStore.open({ url, schema }), openDb: () => PostgresReadModelDatabase.open(url, `${schema}_rm`) };
  },
};
afterAll(async () => {
  await postgres?.stop();
});

describe.each(Object.keys(backends))('background loops on %s (issue 11)', (backend) => {
  let h: Harness;
  const harness = async (start: string) => (h = await workflowHarness(start, undefined, await backends[backend]!()));
  afterEach(async () => h?.close());

  // Before: every pass failed with InvalidStreamNameError on `timer-escalation-p-zh-dev-受益户数-2025-05`,
  // and project p-other's red reading was never flagged (its lag grew for ever).
  it('a red reading on an indicator named 受益户数 escalates like any other, and another project is flagged too', async () => {
    await harness('2025-01-20T00:00:00Z');
    const engine = await h.engine({ processManagers: [deviationCheck, escalation] });
    await fund(h, 'p-zh', '受益户数');
    await fund(h, 'p-other');
    h.clock.set('2025-06-05T00:00:00Z');
    await h.given('p-zh', { type: 'RecordReading', readingId: 'r5', indicatorId: '受益户数', period: '2025-05', value: 100 });
    await engine.runUntilIdle();
    await h.given('p-other', { type: 'RecordReading', readingId: 'r5', indicatorId: 'households', period: '2025-05', value: 100 });
    await engine.runUntilIdle();
    expect(count(await h.types('p-other'), 'DeviationFlagged')).toBe(1);
    h.clock.set('2025-06-21T00:00:00Z');
    await engine.runUntilIdle();
    expect(count(await h.types('p-zh'), 'DeviationEscalated')).toBe(1);
    expect(count(await h.types('p-other'), 'DeviationEscalated')).toBe(1);
    expect((await engine.status()).every((s) => s.lag === 0 && s.parked === 0)).toBe(true);
  });

  // Before: `timer-rectification-<100>-<100>` is 221 characters, over the store's 200; every pass halted.
  it('a 100-character project id with a 100-character rectification id gets its deadline timer', async () => {
    await harness('2025-01-20T00:00:00Z');
    const engine = await h.engine({ processManagers: [rectificationDeadline] });
    const projectId = `p${'x'.repeat(99)}`;
    const rectificationId = `r${'y'.repeat(99)}`;
    await fund(h, projectId);
    h.clock.set('2025-12-20T00:00:00Z');
    await h.given(projectId, score('fair'));
    await h.given(projectId, { type: 'OrderRectification', rectificationId, evaluationId: 'eval-1', issues: 'Fix it', deadline: '2026-01-31T00:00:00Z' });
    await engine.runUntilIdle();
    h.clock.set('2026-02-01T00:00:00Z');
    await engine.runUntilIdle();
    const types = await h.types(projectId);
    expect(count(types, 'AccountabilityActionTaken')).toBe(1);
    expect((await engine.status()).every((s) => s.parked === 0)).toBe(true);
  });

  // Before: p1/a-r1 and p1-a/r1 shared `rectification-p1-a-r1`; verifying p1's cancelled p1-a's deadline.
  it('rectifications of p1 (a-r1) and p1-a (r1) keep separate deadlines: verifying one leaves the other to fall due', async () => {
    await harness('2025-01-20T00:00:00Z');
    const engine = await h.engine({ processManagers: [rectificationDeadline] });
    for (const [projectId, rectificationId] of [['p1', 'a-r1'], ['p1-a', 'r1']] as const) {
      await fund(h, projectId);
      h.clock.set('2025-12-20T00:00:00Z');
      await h.given(projectId, score('fair'));
      await h.given(projectId, { type: 'OrderRectification', rectificationId, evaluationId: 'eval-1', issues: 'Fix it', deadline: '2026-01-31T00:00:00Z' });
      h.clock.set('2025-01-20T00:00:00Z');
    }
    h.clock.set('2025-12-21T00:00:00Z');
    await engine.runUntilIdle();
    await h.given('p1', { type: 'ReportRectification', rectificationId: 'a-r1', report: 'Done' });
    await h.given('p1', { type: 'VerifyRectification', rectificationId: 'a-r1', passed: true });
    await engine.runUntilIdle();
    h.clock.set('2026-02-01T00:00:00Z');
    await engine.runUntilIdle();
    expect(count(await h.types('p1'), 'AccountabilityActionTaken')).toBe(0);
    const late = await h.types('p1-a');
    expect(count(late, 'AccountabilityActionTaken')).toBe(1);
    expect(late.filter((t) => t === 'BudgetCut')).toHaveLength(1);
  });

  // Before: a reaction failing deterministically stopped every pass at its event, for every project.
  it('a deterministic failure is parked with its error at once; other projects go on; a retry after the fix carries it out', async () => {
    await harness('2025-01-20T00:00:00Z');
    let fixed = false;
    // A process manager whose reaction to one project names a timer no store can hold (until "fixed").
    const poisonous: ProcessManager = {
      name: 'poisonous',
      handles: ['BudgetAllocated'],
      react: (_event, { projectId }) => [{ kind: 'schedule', timerId: projectId === 'poison' && !fixed ? 'not a stream name' : `ok-${projectId}`, dueAt: '2030-01-01T00:00:00Z', payload: {} }],
    };
    const engine = await h.engine({ processManagers: [poisonous] });
    await fund(h, 'poison');
    await fund(h, 'healthy');
    expect(await settle(engine)).toBe(0);
    const parked = await engine.listParked();
    expect(parked).toEqual([expect.objectContaining({ processManager: 'poisonous', eventType: 'BudgetAllocated', projectId: 'poison', failure: 'deterministic', attempts: 1 })]);
    expect(parked[0]!.error).toContain('InvalidStreamNameError');
    expect(parked[0]!.id).toBe(`poisonous@${parked[0]!.position}`);
    expect((await h.all()).some((e) => e.stream === timerStream('ok-healthy'))).toBe(true);
    expect(await engine.status()).toEqual([expect.objectContaining({ name: 'poisonous', lag: 0, parked: 1 })]);
    expect(await engine.retryParked(parked[0]!.id)).toEqual({ outcome: 'failed', error: expect.stringContaining('InvalidStreamNameError') });
    fixed = true;
    expect(await engine.retryParked(parked[0]!.id)).toEqual({ outcome: 'done' });
    expect(await engine.listParked()).toEqual([]);
    expect((await h.all()).some((e) => e.stream === timerStream('ok-poison'))).toBe(true);
    expect(await engine.retryParked(parked[0]!.id)).toEqual({ outcome: 'unknown' });
  });

  // Before: a transient failure was retried for ever at the same event (no bound, no parking).
  it('a transient failure is retried, then parked after maxAttempts; one that clears in time is not parked', async () => {
    await harness('2025-01-20T00:00:00Z');
    let failures = 0;
    const flaky = (projectId: string, limit: number): CommandDispatcher => ({
      dispatch: async (command, context) => {
        if (command.projectId === projectId && failures < limit) {
          failures++;
          throw new Error('connection reset');
        }
        return h.dispatcher.dispatch(command, context);
      },
    });
    for (const id of ['flaky', 'steady', 'hiccup']) await fund(h, id);
    h.clock.set('2025-12-20T00:00:00Z');
    for (const id of ['flaky', 'steady']) await h.given(id, score('fair'));
    const engine = await h.engine({ processManagers: [resultApplication], dispatcher: flaky('flaky', 100), maxAttempts: 3 });
    expect(await settle(engine)).toBe(2); // two failed passes, the third try parks it
    expect(await engine.listParked()).toEqual([expect.objectContaining({ projectId: 'flaky', failure: 'transient', attempts: 3, error: 'Error: connection reset' })]);
    expect(count(await h.types('steady'), 'BudgetCut')).toBe(1);
    expect(count(await h.types('flaky'), 'BudgetCut')).toBe(0);

    // A failure that clears on the second try is not parked.
    failures = 0;
    await engine.release();
    await h.given('hiccup', score('fair'));
    const patient = await h.engine({ processManagers: [resultApplication], dispatcher: flaky('hiccup', 1), maxAttempts: 3 });
    expect(await settle(patient)).toBe(1);
    expect((await patient.listParked()).map((p) => p.projectId)).toEqual(['flaky']);
    expect(count(await h.types('hiccup'), 'BudgetCut')).toBe(1);
    // The parked one, retried once the store answers again.
    const [first] = await patient.listParked();
    expect(await patient.retryParked(first!.id)).toEqual({ outcome: 'done' });
    expect(count(await h.types('flaky'), 'BudgetCut')).toBe(1);
  });

  // Before: the lease was taken once per pass; with a 5 s lease and 2 s per event a second
  // worker took it during the first one's pass and both handled the same events.
  it('two workers with a 5 s lease and a slow pass (injected clock) never hold a process manager at once', async () => {
    await harness('2025-01-20T00:00:00Z');
    for (let i = 0; i < 6; i++) await fund(h, `p${i}`);
    h.clock.set('2025-12-20T00:00:00Z');
    for (let i = 0; i < 6; i++) await h.given(`p${i}`, score('fair'));
    const inside = new Map<string, number>();
    const handled: string[] = [];
    let overlaps = 0;
    const around = (worker: string) => async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      inside.set(name, (inside.get(name) ?? 0) + 1);
      if (inside.get(name)! > 1) overlaps++;
      handled.push(worker);
      try {
        h.clock.set(new Date(h.clock.now().getTime() + 2000).toISOString()); // a slow event: 2 s
        await new Promise((resolve) => setTimeout(resolve, 5)); // let the other worker run meanwhile
        return await work();
      } finally {
        inside.set(name, inside.get(name)! - 1);
      }
    };
    const db2 = await h.openDb();
    try {
      const a = await h.engine({ processManagers: [resultApplication], leaseTtlMs: 5000, holder: 'a', around: around('a') });
      const b = await h.engine({ processManagers: [resultApplication], leaseTtlMs: 5000, holder: 'b', around: around('b'), db: db2 });
      const loop = async (engine: WorkflowEngine) => {
        for (let i = 0; i < 40; i++) {
          await engine.tick();
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      };
      await Promise.all([loop(a), loop(b)]);
      expect(overlaps).toBe(0);
      expect(handled.length).toBeGreaterThanOrEqual(6);
      for (let i = 0; i < 6; i++) expect(count(await h.types(`p${i}`), 'BudgetCut')).toBe(1);
    } finally {
      await db2.close();
    }
  });
});

describe('checkpoint fencing (issue 11)', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  // Before: the fence compared the holder only, so a worker whose lease had expired still moved the checkpoint.
  it('a worker whose lease expired during a pass does not move the checkpoint', async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z');
    await fund(h, 'p1');
    h.clock.set('2025-12-20T00:00:00Z');
    await h.given('p1', score('fair'));
    const engine = await h.engine({
      processManagers: [resultApplication],
      leaseTtlMs: 5000,
      // The event takes longer than the whole lease: nobody renews it in the middle of one event.
      around: async (_name, work) => {
        const out = await work();
        h.clock.set(new Date(h.clock.now().getTime() + 60_000).toISOString());
        return out;
      },
    });
    await engine.tick();
    const [status] = await engine.status();
    expect(status!.position).toBe(0);
    expect(count(await h.types('p1'), 'BudgetCut')).toBe(1);
  });
});

describe('timers stored under their pre-issue-11 ids (DESIGN §6.5)', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('a legacy timer is its own project\'s: not scheduled twice, fired once, and never cancelled by the project its id collides with', async () => {
    h = await workflowHarness('2025-01-20T00:00:00Z');
    for (const [projectId, rectificationId] of [['p1', 'a-r1'], ['p1-a', 'r1']] as const) {
      await fund(h, projectId);
      h.clock.set('2025-12-20T00:00:00Z');
      await h.given(projectId, score('fair'));
      await h.given(projectId, { type: 'OrderRectification', rectificationId, evaluationId: 'eval-1', issues: 'Fix it', deadline: '2026-01-31T00:00:00Z' });
      h.clock.set('2025-01-20T00:00:00Z');
    }
    // What the release before the change wrote for p1's rectification, under the id p1-a's would share.
    const legacy = 'rectification-p1-a-r1';
    await h.store.append(timerStream(legacy), [{
      id: '0190b2c4-0000-7000-8000-0000000000aa',
      type: 'TimerScheduled',
      schemaVersion: 1,
      data: { timerId: legacy, processManager: 'rectification-deadline', projectId: 'p1', dueAt: '2026-01-31T00:00:01.000Z', payload: { rectificationId: 'a-r1' } },
      metadata: {},
    }], 'no_stream');
    h.clock.set('2025-12-21T00:00:00Z');
    const engine = await h.engine({ processManagers: [rectificationDeadline] });
    await engine.runUntilIdle();
    const scheduled = async () => (await h.all()).filter((e) => e.type === 'TimerScheduled').map((e) => `${e.data['projectId']}:${e.stream === timerStream(legacy) ? 'legacy' : 'new'}`).sort();
    expect(await scheduled()).toEqual(['p1-a:new', 'p1:legacy']);
    await h.given('p1-a', { type: 'ReportRectification', rectificationId: 'r1', report: 'Done' });
    await h.given('p1-a', { type: 'VerifyRectification', rectificationId: 'r1', passed: true });
    await engine.runUntilIdle();
    expect((await h.all()).filter((e) => e.type === 'TimerCancelled').map((e) => e.stream)).not.toContain(timerStream(legacy));
    h.clock.set('2026-02-01T00:00:00Z');
    await engine.runUntilIdle();
    expect(count(await h.types('p1'), 'AccountabilityActionTaken')).toBe(1);
    expect(count(await h.types('p1-a'), 'AccountabilityActionTaken')).toBe(0);
    // Redelivering everything schedules no second timer for p1.
    await h.db.run('UPDATE workflow_checkpoints SET position = 0');
    await engine.runUntilIdle();
    expect(await scheduled()).toEqual(['p1-a:new', 'p1:legacy']);
    expect(count(await h.types('p1'), 'AccountabilityActionTaken')).toBe(1);
  });
});
