import { randomUUID } from 'node:crypto';
import { WorkflowHost } from '../../apps/api/src/workflow/workflow-host.js';
import { startApi, type RunningApi } from '../support/api-harness.js';
import { goals, proposal } from '../support/lifecycle-fixtures.js';
import { post } from '../support/read-model-scenario.js';

/*
 * Background loops against the running api (workflow in-process, SQLite files):
 * 1. an indicator id 受益户数 with a red reading no longer halts the workflow for every project;
 * 3. an event a read model cannot apply is parked, shown in /health and /metrics, and the
 *    api goes on serving and projecting other projects.
 * Before the fix, (1) made every pass fail with InvalidStreamNameError (whenIdle timed out,
 * the lag grew), and (3) threw out of the projection loop: the process exited with code 1.
 */
describe('background loops keep the api serving', () => {
  let api: RunningApi;
  let now = Date.parse('2026-07-15T08:00:00Z');
  let operator: string;
  beforeAll(async () => {
    api = await startApi({ clock: () => new Date(now), workflow: true });
  });
  afterAll(() => api.close());

  async function funded(projectId: string, indicatorId: string, finance: string, department: string) {
    await post(api, department, '/projects', { ...proposal('water-bureau'), projectId });
    const indicators = goals.indicators.map((i) => (i.indicatorId === 'households' ? { ...i, indicatorId } : i));
    await post(api, department, `/projects/${projectId}/goals`, { ...goals, indicators });
    await post(api, finance, `/projects/${projectId}/goal-reviews`, { grade: 'good' });
    await post(api, finance, `/projects/${projectId}/admission`, { decision: 'admit', reviewScore: 88 });
    await post(api, finance, `/projects/${projectId}/allocations`, { amountFen: 90_000_000 });
  }

  it('a red reading on 受益户数 is flagged and given its escalation timer; another project\'s red reading is flagged too', async () => {
    operator = await api.token({ role: 'operator' });
    const finance = await api.token({ role: 'finance' });
    const department = await api.token({ role: 'department', department: 'water-bureau' });
    await funded('zh-1', '受益户数', finance, department);
    await funded('plain-1', 'households', finance, department);
    // June's readings: lights are lit from the first assessment date, the end of June.
    await post(api, department, '/projects/zh-1/readings', { readingId: 'r-06', indicatorId: '受益户数', period: '2026-06', value: 10 });
    await post(api, department, '/projects/plain-1/readings', { readingId: 'r-06', indicatorId: 'households', period: '2026-06', value: 10 });
    const engine = api.app.get(WorkflowHost).engine!;
    await engine.whenIdle();
    for (const projectId of ['zh-1', 'plain-1']) {
      const flagged = [];
      for await (const event of api.store.readStream(`project-${projectId}`)) if (event.type === 'DeviationFlagged') flagged.push(event.data['level']);
      expect({ projectId, flagged }).toEqual({ projectId, flagged: ['red'] });
    }
    const timers = [];
    for await (const event of api.store.readAll()) if (event.type === 'TimerScheduled' && (event.data['processManager'] as string) === 'escalation') timers.push(event.data['projectId']);
    expect(timers.sort()).toEqual(['plain-1', 'zh-1']);
    const health = await api.call('GET', '/health/details', { token: operator });
    for (const w of health.body.workflow) expect(w).toMatchObject({ lag: 0, parked: 0 });
  });

  it('parks an event the deviations read model cannot apply, reports it, and keeps serving', async () => {
    const finance = await api.token({ role: 'finance' });
    const department = await api.token({ role: 'department', department: 'water-bureau' });
    await funded('gap-1', 'households', finance, department);
    await api.settled();
    // A flag whose gap was Infinity (stored as JSON null), as an earlier release could write it; the column is NOT NULL.
    const { position } = await api.store.append('project-gap-1', [
      {
        id: randomUUID(),
        type: 'DeviationFlagged',
        schemaVersion: 1,
        data: { deviationId: 'dev-inf', subject: { kind: 'indicator', indicatorId: 'unit-cost', readingId: 'r-x', period: '2026-06' }, level: 'red', expected: 0.5, actual: 1e308, gap: null, progress: 0.5, flaggedAt: '2026-07-01T00:00:00.000Z', rulebook: { id: 'national-2020', version: 1 } },
        metadata: {},
      },
    ], 'any');
    await api.settled();
    const health = await api.call('GET', '/health/details', { token: operator });
    expect(health.status).toBe(200);
    expect(health.body.projections.find((p: { name: string }) => p.name === 'deviations')).toMatchObject({ lag: 0, parked: 1, parkedFrom: position });
    const metrics = await api.call('GET', '/metrics', { token: operator });
    expect(metrics.body).toContain('jixiao_projection_parked_events{projection="deviations",version="2"} 1');
    expect(metrics.body).toContain(`jixiao_projection_parked_first_position{projection="deviations",version="2"} ${position}`);

    // Still serving, and still projecting: a new project shows up in the read models.
    now = Date.parse('2026-07-16T08:00:00Z');
    await funded('after-1', 'households', finance, department);
    await api.settled();
    const list = await api.call('GET', '/api/v1/projects?limit=100', { token: finance });
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { projectId: string }) => p.projectId)).toContain('after-1');
  });
});
