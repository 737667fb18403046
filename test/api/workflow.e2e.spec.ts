import { WorkflowHost } from '../../apps/api/src/workflow/workflow-host.js';
import { startApi, type RunningApi } from '../support/api-harness.js';
import { fairScores, goals, proposal } from '../support/lifecycle-fixtures.js';

/** The workflow in-process in the api: a poor grade scored over HTTP is suspended, cut and ordered to rectify by itself, on the CommandBus. */
describe('the workflow runs in the api by default', () => {
  let api: RunningApi;
  let now = Date.parse('2026-02-01T08:00:00Z');
  beforeAll(async () => {
    // The clock runs from February to December, past the default token lifetimes.
    api = await startApi({ clock: () => new Date(now), workflow: true, env: { JIXIAO_TOKEN_LIFETIME_DAYS: 'department=400,finance=400,operator=400' } });
  });
  afterAll(() => api.close());

  it('applies the result of a final evaluation and cuts the budget, naming the rule and the process manager', async () => {
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
    now = Date.parse('2026-12-20T08:00:00Z');
    await post(finance, '/evaluations', { evaluationId: 'eval-2026', kind: 'finance', scores: fairScores, executionRateReason: '项目仍在实施' });
    const engine = api.app.get(WorkflowHost).engine!;
    await engine.whenIdle();
    const events = [];
    for await (const event of api.store.readStream(`project-${proposed.body.projectId}`)) events.push(event);
    const scored = events.find((e) => e.type === 'EvaluationScored')!;
    const after = events.slice(events.indexOf(scored) + 1);
    // Nothing spent: the execution-rate points are 0 and the fair-looking scores total a poor grade.
    expect(scored.data['grade']).toBe('poor');
    expect(after.map((e) => e.type)).toEqual(['ProjectSuspended', 'BudgetCut', 'RectificationOrdered']);
    expect(after[1]!.data).toMatchObject({ cause: { kind: 'evaluation', evaluationId: 'eval-2026' }, proportion: 0.3, amountFen: 27_000_000, rulebook: { id: 'national-2020', version: 1 } });
    expect(after[1]!.metadata).toMatchObject({
      actor: { id: 'workflow:result-application', role: 'system' },
      causationId: scored.id,
      correlationId: scored.metadata['correlationId'],
      workflow: { processManager: 'result-application', rulebook: { id: 'national-2020', version: 1 }, triggeringEventId: scored.id },
    });
    // The monitoring cadence set its first timer when the budget was allocated.
    const timers = (await engine.status()).map((s) => [s.name, s.lag]);
    expect(timers).toContainEqual(['result-application', 0]);
  });

  it('reports each process manager\'s lag and parked reactions in /health/details and /metrics', async () => {
    // Issued first: a token is an event too, and the lag below must count to the head.
    const operator = await api.token({ role: 'operator' });
    await api.app.get(WorkflowHost).engine!.whenIdle();
    const health = await api.call('GET', '/health/details', { token: operator });
    const names = ['deviation-check', 'result-application', 'rectification-deadline', 'monitoring-cadence', 'escalation'];
    expect(health.body.workflow.map((w: { name: string }) => w.name).sort()).toEqual([...names].sort());
    const head = await api.store.headPosition();
    for (const w of health.body.workflow) expect(w).toMatchObject({ position: head, lag: 0, leaseHeld: true, parked: 0 });
    const metrics = await api.call('GET', '/metrics', { token: operator });
    for (const name of names) expect(metrics.body).toContain(`jixiao_workflow_lag_events{process_manager="${name}"} 0`);
    for (const name of names) expect(metrics.body).toContain(`jixiao_workflow_parked_reactions{process_manager="${name}"} 0`);
  });
});
