import { AccessTokens, commandAnswer, ProjectCommands, requestHash } from '@jixiao/application';
import { goals, midYear, proposal } from '../support/lifecycle-fixtures.js';
import { startApi, type RunningApi } from '../support/api-harness.js';

describe('command semantics over HTTP', () => {
  let api: RunningApi;
  let department: string;
  let finance: string;
  beforeAll(async () => {
    api = await startApi({ clock: midYear });
    department = await api.token({ role: 'department', department: 'water-bureau' });
    finance = await api.token({ role: 'finance' });
  });
  afterAll(() => api.close());

  const propose = async (headers: Record<string, string> = {}) => {
    const response = await api.call('POST', '/api/v1/projects', { token: department, body: proposal('water-bureau'), headers });
    expect(response.status).toBe(201);
    return response.body.projectId as string;
  };
  /** Calls a command and asserts it wrote nothing: the store's head does not move. */
  const refused = async (method: string, path: string, options: Parameters<RunningApi['call']>[2]) => {
    const before = await api.store.headPosition();
    const response = await api.call(method, path, options);
    expect(await api.store.headPosition()).toBe(before);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: expect.stringMatching(/^https:\/\//), title: expect.any(String), status: response.status, detail: expect.any(String) });
    return response;
  };

  describe('errors are problem+json and write nothing', () => {
    it('400 lists each failing field', async () => {
      const response = await refused('POST', '/api/v1/projects', {
        token: department,
        body: { title: '', category: 'weapons', fiscalYear: 'next', requestedFen: 10.5, extra: true },
      });
      expect(response.status).toBe(400);
      const fields = response.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['category', 'extra', 'fiscalYear', 'requestedFen', 'title']);
    });

    it('400 for nested indicator fields, with their paths', async () => {
      const id = await propose();
      const bad = { ...goals, indicators: [{ ...goals.indicators[0], level: 'vibes', weight: 'heavy' }] };
      const response = await refused('POST', `/api/v1/projects/${id}/goals`, { token: department, body: bad });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['indicators.0.level', 'indicators.0.weight']);
    });

    it('404 for an unknown project', async () => {
      const response = await refused('POST', '/api/v1/projects/no-such-project/goals', { token: department, body: goals });
      expect(response.status).toBe(404);
      expect((await api.call('GET', '/api/v1/projects/no-such-project', { token: finance })).status).toBe(404);
    });

    it('409 for a command in the wrong stage', async () => {
      const id = await propose();
      const response = await refused('POST', `/api/v1/projects/${id}/allocations`, { token: finance, body: { amountFen: 1000 } });
      expect(response.status).toBe(409);
      expect(response.body.ruleId).toEqual(expect.any(String));
    });

    it('422 with the rule id when a domain rule is broken', async () => {
      const id = await propose();
      const unbalanced = { ...goals, indicators: goals.indicators.map((i) => ({ ...i, weight: 10 })) };
      const response = await refused('POST', `/api/v1/projects/${id}/goals`, { token: department, body: unbalanced });
      expect(response.status).toBe(422);
      expect(response.body.ruleId).toMatch(/weight/);
      expect(response.body.message).toEqual({ en: expect.any(String), 'zh-CN': expect.any(String) });
    });

    it('413 for a body over 1 MiB', async () => {
      const response = await refused('POST', '/api/v1/projects', {
        token: department,
        body: { ...proposal('water-bureau'), description: 'x'.repeat(1024 * 1024 + 10) },
      });
      expect(response.status).toBe(413);
    });

    it('401 without a token', async () => {
      const response = await refused('POST', '/api/v1/projects', { body: proposal('water-bureau') });
      expect(response.status).toBe(401);
    });
  });

  describe('optimistic concurrency', () => {
    it('answers with the stream revision as ETag and honours If-Match', async () => {
      const id = await propose();
      const stale = await refused('POST', `/api/v1/projects/${id}/goals`, { token: department, body: goals, headers: { 'if-match': '"7"' } });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ expectedRevision: 7, actualRevision: 0 });
      const fresh = await api.call('POST', `/api/v1/projects/${id}/goals`, { token: department, body: goals, headers: { 'if-match': '"0"' } });
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get('etag')).toBe('"1"');
      const read = await api.call('GET', `/api/v1/projects/${id}`, { token: finance });
      expect(read.headers.get('etag')).toBe('"1"');
    });

    it('retries concurrent commands on one project against fresh state, losing none', async () => {
      const id = await propose();
      await api.call('POST', `/api/v1/projects/${id}/goals`, { token: department, body: goals });
      await api.call('POST', `/api/v1/projects/${id}/goal-reviews`, { token: finance, body: { grade: 'good' } });
      await api.call('POST', `/api/v1/projects/${id}/admission`, { token: finance, body: { decision: 'admit', reviewScore: 90 } });
      await api.call('POST', `/api/v1/projects/${id}/allocations`, { token: finance, body: { amountFen: 100_000_000 } });
      const periods = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
      const responses = await Promise.all(
        periods.map((period, i) =>
          api.call('POST', `/api/v1/projects/${id}/readings`, { token: department, body: { indicatorId: 'households', period, value: 100 * (i + 1), unit: '户' } }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(periods.map(() => 200));
      const read = await api.call('GET', `/api/v1/projects/${id}`, { token: finance });
      expect(read.body.readings.map((r: { period: string }) => r.period).sort()).toEqual(periods);
      expect(new Set(responses.map((r) => r.headers.get('etag'))).size).toBe(periods.length);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response to a retry with the same body and writes nothing', async () => {
      const headers = { 'idempotency-key': 'proposal-2026-0001' };
      const body = { ...proposal('water-bureau'), projectId: 'idem-1' };
      const first = await api.call('POST', '/api/v1/projects', { token: department, body, headers });
      expect(first.status).toBe(201);
      const head = await api.store.headPosition();
      const again = await api.call('POST', '/api/v1/projects', { token: department, body, headers });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.headers.get('location')).toBe(first.headers.get('location'));
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await api.store.headPosition()).toBe(head);
    });

    it('refuses the same key with a different body (422)', async () => {
      const headers = { 'idempotency-key': 'proposal-2026-0002' };
      await api.call('POST', '/api/v1/projects', { token: department, body: { ...proposal('water-bureau'), projectId: 'idem-2' }, headers });
      const response = await refused('POST', '/api/v1/projects', { token: department, body: { ...proposal('water-bureau'), projectId: 'idem-3' }, headers });
      expect(response.status).toBe(422);
      expect(response.body.type).toMatch(/idempotency-key-reused/);
    });

    it('lets a key whose first request was refused run again', async () => {
      const headers = { 'idempotency-key': 'goals-after-fix' };
      const id = await propose();
      const refusal = await refused('POST', `/api/v1/projects/${id}/allocations`, { token: finance, body: { amountFen: 5 }, headers });
      expect(refusal.status).toBe(409);
      expect(refusal.body.type).toMatch(/\/domain\//);
      // Released, not stuck "in progress": the retry runs the command again and meets the same rule.
      const retry = await api.call('POST', `/api/v1/projects/${id}/allocations`, { token: finance, body: { amountFen: 5 }, headers });
      expect(retry.status).toBe(409);
      expect(retry.body.type).toBe(refusal.body.type);
    });
  });

  it('lets only one of two concurrent twins with one key write; both get the first answer', async () => {
    const headers = { 'idempotency-key': 'twin-proposal' };
    const body = { ...proposal('water-bureau'), projectId: 'twin-1' };
    const head = await api.store.headPosition();
    const [a, b] = await Promise.all([
      api.call('POST', '/api/v1/projects', { token: department, body, headers }),
      api.call('POST', '/api/v1/projects', { token: department, body, headers }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toEqual(b.body);
    expect(await api.store.streamRevision('project-twin-1')).toBe(0);
    // One ProjectProposed, whatever the interleaving: the answer is rebuilt from it, no record is kept beside it.
    expect(await api.store.headPosition()).toBe(head + 1);
  });

  it('answers every keyed retry sent right after its first attempt with the first answer (the retry race)', async () => {
    const count = 60;
    const sends = Array.from({ length: count }, (_, i) => {
      const headers = { 'idempotency-key': `race-${i}` };
      // No projectId: the server mints it from the key, so the retry names the same project.
      const body = { ...proposal('water-bureau'), title: `race ${i}` };
      const first = api.call('POST', '/api/v1/projects', { token: department, body, headers });
      const retry = new Promise((resolve) => setTimeout(resolve, i % 4)).then(() => api.call('POST', '/api/v1/projects', { token: department, body, headers }));
      return Promise.all([first, retry]);
    });
    const pairs = await Promise.all(sends);
    for (const [first, retry] of pairs) {
      expect([first.status, retry.status]).toEqual([201, 201]);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    }
    expect(new Set(pairs.map(([first]) => first.body.projectId)).size).toBe(count);
  });

  it('answers a retry after a crash between append and answer with the first answer (the crash window)', async () => {
    // The crash window made deterministic: the command is applied exactly as the api
    // applies it (same principal, key and request hash) but no answer ever leaves.
    const headers = { 'idempotency-key': 'crash-window-1' };
    const body = { ...proposal('water-bureau'), title: 'crash window' };
    const principal = (await api.app.get(AccessTokens).authenticate(department))!;
    const applied = await api.app.get(ProjectCommands).run(
      (mint) => {
        const projectId = mint('projectId');
        return { projectId, command: { type: 'ProposeProject', projectId, department: 'water-bureau', title: body.title, category: 'specific-purpose', fiscalYear: body.fiscalYear, requestedFen: body.requestedFen } };
      },
      { principal, correlationId: 'crashed', commandId: 'crashed', idempotencyKey: headers['idempotency-key'], requestHash: requestHash('POST', '/api/v1/projects', body) },
    );
    const head = await api.store.headPosition();
    const retry = await api.call('POST', '/api/v1/projects', { token: department, body, headers });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(JSON.parse(JSON.stringify(commandAnswer(applied))));
    expect(retry.headers.get('etag')).toBe('"0"');
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await api.store.headPosition()).toBe(head);
  });

  it('refuses a key reused on another project (422), writing nothing', async () => {
    const headers = { 'idempotency-key': 'one-key-two-projects' };
    const a = await propose();
    const b = await propose();
    expect((await api.call('POST', `/api/v1/projects/${a}/goals`, { token: department, body: goals, headers })).status).toBe(200);
    const reused = await refused('POST', `/api/v1/projects/${b}/goals`, { token: department, body: goals, headers });
    expect(reused.status).toBe(422);
    expect(reused.body.type).toMatch(/idempotency-key-reused/);
  });

  describe('request metadata, health and docs', () => {
    it('echoes X-Correlation-Id and records it on the event', async () => {
      const response = await api.call('POST', '/api/v1/projects', {
        token: department,
        body: proposal('water-bureau'),
        headers: { 'x-correlation-id': 'corr-12345' },
      });
      expect(response.headers.get('x-correlation-id')).toBe('corr-12345');
      for await (const event of api.store.readStream(`project-${response.body.projectId}`)) {
        expect(event.metadata).toMatchObject({ correlationId: 'corr-12345', actor: { role: 'department', department: 'water-bureau' } });
      }
      const generated = await api.call('GET', '/health');
      expect(generated.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers public /health with { status } only (§6.7)', async () => {
      const response = await api.call('GET', '/health');
      expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: { status: 'ok' } });
    });

    it('keeps /health/details and /metrics for operator and admin tokens', async () => {
      const operator = await api.token({ role: 'operator' });
      const admin = await api.token({ role: 'admin' });
      const finance = await api.token({ role: 'finance' });
      for (const path of ['/health/details', '/metrics']) {
        const anonymous = await api.call('GET', path);
        expect({ path, status: anonymous.status, type: anonymous.headers.get('content-type') }).toEqual({ path, status: 401, type: expect.stringMatching(/^application\/problem\+json/) });
        expect({ path, status: (await api.call('GET', path, { token: finance })).status }).toEqual({ path, status: 403 });
        expect({ path, status: (await api.call('GET', path, { token: department })).status }).toEqual({ path, status: 403 });
        expect({ path, status: (await api.call('GET', path, { token: operator })).status }).toEqual({ path, status: 200 });
        expect({ path, status: (await api.call('GET', path, { token: admin })).status }).toEqual({ path, status: 200 });
      }
    });

    it('reports the store, read-model lag and the workflow on /health/details', async () => {
      const operator = await api.token({ role: 'operator' });
      await api.settled();
      const settled = await api.call('GET', '/health/details', { token: operator });
      const headPosition = await api.store.headPosition();
      expect(settled.body).toEqual({
        status: 'ok',
        store: { adapter: 'sqlite', reachable: true, headPosition },
        // dashboard v3 (the 低 grade column; issue 15: light events), evaluations v2 (overrides), indicators v2 (light events);
        // issue 17 (rows per fiscal year): each one up, dashboard v4, evaluations v3, indicators v3, the others v2.
        projections: (['projects', 'dashboard', 'deviations', 'evaluations', 'accountability', 'indicators'] as const).map((name) => ({
          name,
          version: { projects: 2, dashboard: 4, deviations: 2, evaluations: 3, accountability: 2, indicators: 3 }[name],
          position: headPosition,
          lag: 0,
          parked: 0,
          parkedFrom: null,
        })),
        // This harness leaves the process managers off, as a worker-run installation would.
        workflow: 'external',
      });
    });

    it('serves OpenAPI generated from the DTOs', async () => {
      const response = await api.call('GET', '/api/docs-json');
      expect(response.status).toBe(200);
      expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/v1/projects', '/api/v1/projects/{id}/readings', '/api/v1/admin/tokens']));
      expect(response.body.components.schemas.RecordReadingDto.required).toEqual(expect.arrayContaining(['indicatorId', 'period']));
    });

    it('serves the docs page and its static files (through @fastify/static 10)', async () => {
      const page = await api.call('GET', '/api/docs');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const css = await api.call('GET', '/api/docs/swagger-ui.css');
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toContain('text/css');
    });
  });
});
