import { startTestPostgres, type TestPostgres } from '../../libs/event-store/src/postgres/test-database.js';
import { WorkflowHost } from '../../apps/api/src/workflow/workflow-host.js';
import { startApi, type RunningApi } from '../support/api-harness.js';
import { fairScores, goals, proposal } from '../support/lifecycle-fixtures.js';

/**
 * The whole api with STORE=postgres: events, read models, checkpoints, timers and leases
 * all in PostgreSQL (embedded, or DATABASE_URL), driven over HTTP.
 */
describe('the api on PostgreSQL', () => {
  let database: TestPostgres;
  let api: RunningApi;
  let now = Date.parse('2026-02-01T08:00:00Z');
  beforeAll(async () => {
    database = await startTestPostgres();
    api = await startApi({
      databaseUrl: database.url,
      clock: () => new Date(now),
      workflow: true,
      // The clock runs to December, past the default token lifetimes. practice-2026 applies a
      // poor grade's result and cut by itself, the rule-made cut this test follows.
      env: { JIXIAO_TOKEN_LIFETIME_DAYS: 'department=400,finance=400,auditor=400,operator=400', JIXIAO_RULEBOOK: 'practice-2026' },
    });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await database?.stop();
  });

  it('runs a project to its rule-made cut, serves the read models and verifies the chains', async () => {
    expect(api.store.adapter).toBe('postgres');
    expect(api.readModels.db.dialect).toBe('postgres');
    const department = await api.token({ role: 'department', department: 'water-bureau' });
    const finance = await api.token({ role: 'finance' });
    const auditor = await api.token({ role: 'auditor' });
    const operator = await api.token({ role: 'operator' });
    const proposed = await api.call('POST', '/api/v1/projects', { token: department, body: proposal('water-bureau') });
    expect(proposed.status).toBe(201);
    const path = `/api/v1/projects/${proposed.body.projectId}`;
    for (const [token, suffix, body] of [
      [department, '/goals', goals],
      [finance, '/goal-reviews', { grade: 'good' }],
      [finance, '/admission', { decision: 'admit', reviewScore: 88 }],
      [finance, '/allocations', { amountFen: 90_000_000 }],
    ] as const) {
      expect((await api.call('POST', path + suffix, { token, body })).status).toBe(200);
    }
    now = Date.parse('2026-12-20T08:00:00Z');
    const scored = await api.call('POST', path + '/evaluations', { token: finance, body: { evaluationId: 'eval-pg', kind: 'finance', scores: fairScores, executionRateReason: '项目仍在实施' } });
    expect(scored.status).toBe(200);

    await api.app.get(WorkflowHost).engine!.whenIdle();
    await api.settled();
    const project = await api.call('GET', path, { token: finance });
    expect(project.body.cuts).toEqual([expect.objectContaining({ cause: { kind: 'evaluation', evaluationId: 'eval-pg' }, amountFen: 27_000_000 })]);

    const list = await api.call('GET', '/api/v1/projects?department=water-bureau', { token: finance });
    expect(list.body.items).toEqual([expect.objectContaining({ projectId: proposed.body.projectId, stage: 'results', grade: 'poor', cutFen: 27_000_000 })]);
    const ledger = await api.call('GET', '/api/v1/accountability?fiscalYear=2026', { token: finance });
    expect(ledger.status).toBe(200);
    expect(JSON.stringify(ledger.body)).toContain('eval-pg');

    const verification = await api.call('GET', '/api/v1/audit/verification', { token: auditor });
    expect(verification.body).toMatchObject({ ok: true, headPosition: await api.store.headPosition() });
    const health = await api.call('GET', '/health/details', { token: operator });
    expect(health.body.store).toMatchObject({ adapter: 'postgres', reachable: true });
    expect(health.body.workflow.every((w: { lag: number; leaseHeld: boolean }) => w.lag === 0 && w.leaseHeld)).toBe(true);
  });

  it('refuses a title holding U+0000 with 400 and keeps serving (it once got 201, then stopped the api on every restart)', async () => {
    const department = await api.token({ role: 'department', department: 'water-bureau' });
    const before = await api.store.headPosition();
    const response = await api.call('POST', '/api/v1/projects', { token: department, body: { ...proposal('water-bureau'), title: 'a\u0000b' } });
    expect({ status: response.status, field: response.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'title' });
    expect(await api.store.headPosition()).toBe(before);
    expect((await api.call('GET', '/health')).status).toBe(200);
  });
});
