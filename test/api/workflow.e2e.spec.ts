import { WorkflowHost } from '../../apps/api/src/workflow/workflow-host.js';
import { startApi, type RunningApi } from '../support/api-harness.js';
import { fairScores, goals, proposal } from '../support/lifecycle-fixtures.js';

/** A project of water-bureau brought over HTTP to a final evaluation scored in December; answers the stream's events after it. */
async function scoredInDecember(api: RunningApi, clock: { now: number }) {
  const department = await api.token({ role: 'department', department: 'water-bureau' });
  const finance = await api.token({ role: 'finance' });
  const proposed = await api.call('POST', '/api/v1/projects', { token: department, body: proposal('water-bureau') });
  const path = `/api/v1/projects/${proposed.body.projectId}`;
  const post = async (token: string, suffix: string, body: unknown) => {
    const response = await api.call('POST', path + suffix, { token, body });
    expect({ suffix, status: response.status, body: response.body }).toMatchObject({ suffix, status: 200 });
  };
  await post(department, '/goals', goals);
  await post(finance, '/goal-reviews', { grade: 'good' });
  await post(finance, '/admission', { decision: 'admit', reviewScore: 88 });
  await post(finance, '/allocations', { amountFen: 90_000_000 });
  clock.now = Date.parse('2026-12-20T08:00:00Z');
  await post(finance, '/evaluations', { evaluationId: 'eval-2026', kind: 'finance', scores: fairScores, executionRateReason: '项目仍在实施' });
  const engine = api.app.get(WorkflowHost).engine!;
  await engine.whenIdle();
  const events = [];
  for await (const event of api.store.readStream(`project-${proposed.body.projectId}`)) events.push(event);
  const scored = events.find((e) => e.type === 'EvaluationScored')!;
  return { scored, after: events.slice(events.indexOf(scored) + 1), path, finance, engine };
}

/**
 * The workflow in-process in the api, under practice-2026 (JIXIAO_RULEBOOK): a poor grade
 * scored over HTTP is suspended, cut and ordered to rectify by itself, on the CommandBus.
 * That rulebook applies results automatically; the default (practice-2027) does not (below).
 */
describe('the workflow runs in the api by default', () => {
  let api: RunningApi;
  const clock = { now: Date.parse('2026-02-01T08:00:00Z') };
  beforeAll(async () => {
    // The clock runs from February to December, past the default token lifetimes.
    api = await startApi({
      clock: () => new Date(clock.now),
      workflow: true,
      env: { JIXIAO_TOKEN_LIFETIME_DAYS: 'department=400,finance=400,operator=400', JIXIAO_RULEBOOK: 'practice-2026' },
    });
  });
  afterAll(() => api.close());

  it('applies the result of a final evaluation and cuts the budget, naming the rule and the process manager', async () => {
    const { scored, after, engine } = await scoredInDecember(api, clock);
    // Nothing spent: the execution-rate points are 0 and the fair-looking scores total a poor grade.
    expect(scored.data['grade']).toBe('poor');
    expect(after.map((e) => e.type)).toEqual(['ProjectSuspended', 'BudgetCut', 'RectificationOrdered']);
    // The rulebook configured (practice-2026: national-2020's bands and automatic policy, with deployed-practice lights).
    expect(after[1]!.data).toMatchObject({ cause: { kind: 'evaluation', evaluationId: 'eval-2026' }, proportion: 0.3, amountFen: 27_000_000, rulebook: { id: 'practice-2026', version: 1 } });
    expect(after[1]!.metadata).toMatchObject({
      actor: { id: 'workflow:result-application', role: 'system' },
      causationId: scored.id,
      correlationId: scored.metadata['correlationId'],
      workflow: { processManager: 'result-application', rulebook: { id: 'practice-2026', version: 1 }, triggeringEventId: scored.id },
    });
    const timers = (await engine.status()).map((s) => [s.name, s.lag]);
    expect(timers).toContainEqual(['result-application', 0]);
  });

  it('reports each process manager\'s lag and parked reactions in /health/details and /metrics', async () => {
    // Issued first: a token is an event too, and the lag below must count to the head.
    const operator = await api.token({ role: 'operator' });
    await api.app.get(WorkflowHost).engine!.whenIdle();
    const health = await api.call('GET', '/health/details', { token: operator });
    const names = ['lights-assessment', 'result-application', 'rectification-deadline', 'monitoring-cadence', 'escalation', 'mid-term-evaluation'];
    expect(health.body.workflow.map((w: { name: string }) => w.name).sort()).toEqual([...names].sort());
    const head = await api.store.headPosition();
    for (const w of health.body.workflow) expect(w).toMatchObject({ position: head, lag: 0, leaseHeld: true, parked: 0 });
    const metrics = await api.call('GET', '/metrics', { token: operator });
    for (const name of names) expect(metrics.body).toContain(`jixiao_workflow_lag_events{process_manager="${name}"} 0`);
    for (const name of names) expect(metrics.body).toContain(`jixiao_workflow_parked_reactions{process_manager="${name}"} 0`);
  });
});

/**
 * Under the default rulebook (practice-2027, 财预〔2020〕10号's result policy as data) the
 * workflow only orders the rectification a poor grade calls for; the result decision and
 * the cut are finance's, over HTTP, among what the grade allows.
 */
describe('the workflow under the default rulebook leaves the result to finance', () => {
  let api: RunningApi;
  const clock = { now: Date.parse('2026-02-01T08:00:00Z') };
  beforeAll(async () => {
    api = await startApi({ clock: () => new Date(clock.now), workflow: true, env: { JIXIAO_TOKEN_LIFETIME_DAYS: 'department=400,finance=400' } });
  });
  afterAll(() => api.close());

  it('orders rectification by itself; finance reduces and cuts 30% of the budget in force', async () => {
    const { scored, after, path, finance, engine } = await scoredInDecember(api, clock);
    expect(scored.data).toMatchObject({ grade: 'poor', rulebook: { id: 'practice-2027', version: 1 } });
    expect(after.map((e) => e.type)).toEqual(['RectificationOrdered']);
    expect(after[0]!.metadata).toMatchObject({ actor: { id: 'workflow:result-application', role: 'system' }, workflow: { processManager: 'result-application' } });

    const maintain = await api.call('POST', `${path}/result-decisions`, { token: finance, body: { evaluationId: 'eval-2026', decision: 'maintain' } });
    expect(maintain).toMatchObject({ status: 422, body: { ruleId: 'result.decision-not-allowed-for-grade', facts: { grade: 'poor', allowed: ['reduce', 'adjust-use', 'suspend', 'cancel'] } } });
    const reduced = await api.call('POST', `${path}/result-decisions`, { token: finance, body: { evaluationId: 'eval-2026', decision: 'reduce', note: '核减后继续安排' } });
    expect(reduced.status).toBe(200);
    expect(reduced.body.events.map((e: { type: string }) => e.type)).toEqual(['ProjectReduced']);
    const cut = await api.call('POST', `${path}/budget-cuts`, { token: finance, body: { cutId: 'cut-2026', evaluationId: 'eval-2026' } });
    expect(cut.status).toBe(200);
    expect(cut.body.events[0]).toMatchObject({ type: 'BudgetCut', data: { proportion: 0.3, amountFen: 27_000_000, rulebook: { id: 'practice-2027', version: 1 } } });
    await engine.whenIdle();
    const project = await api.call('GET', path, { token: finance });
    expect(project.body).toMatchObject({ stage: 'results', result: { decision: 'reduce', evaluationId: 'eval-2026' }, cuts: [{ cutId: 'cut-2026', amountFen: 27_000_000 }] });
    expect(project.body.rectifications).toHaveLength(1);
  });
});
