import { fairScores, goals, midYear, proposal } from '../support/lifecycle-fixtures.js';
import { startApi, type RunningApi } from '../support/api-harness.js';

/** The DTO-level rules of issue 12: one text decorator, bounded numbers, strict dates, bounded query numbers. */
describe('input bounds on every field (issue 12)', () => {
  let api: RunningApi;
  let department: string;
  let finance: string;
  let project: string;
  beforeAll(async () => {
    api = await startApi({ clock: midYear });
    department = await api.token({ role: 'department', department: 'water-bureau' });
    finance = await api.token({ role: 'finance' });
    project = (await api.call('POST', '/api/v1/projects', { token: department, body: proposal('water-bureau') })).body.projectId;
    const base = `/api/v1/projects/${project}`;
    await api.call('POST', `${base}/goals`, { token: department, body: goals });
    await api.call('POST', `${base}/goal-reviews`, { token: finance, body: { grade: 'good' } });
    await api.call('POST', `${base}/admission`, { token: finance, body: { decision: 'admit', reviewScore: 88 } });
    expect((await api.call('POST', `${base}/allocations`, { token: finance, body: { amountFen: 90_000_000 } })).status).toBe(200);
  });
  afterAll(() => api.close());

  const refused = async (method: string, path: string, token: string, body: unknown, field: string) => {
    const before = await api.store.headPosition();
    const response = await api.call(method, path, { token, body });
    expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await api.store.headPosition()).toBe(before);
  };

  it('single-line text refuses newline and tab; multi-line text takes them', async () => {
    await refused('POST', '/api/v1/projects', department, { ...proposal('water-bureau'), title: '农村饮水\n安全' }, 'title');
    await refused('POST', '/api/v1/projects', department, { ...proposal('water-bureau'), title: '农村饮水\t安全' }, 'title');
    const accepted = await api.call('POST', '/api/v1/projects', { token: department, body: { ...proposal('water-bureau'), description: '第一段\n\t第二段' } });
    expect(accepted.status).toBe(201);
    const [proposed] = await (async () => {
      const events = [];
      for await (const event of api.store.readStream(`project-${accepted.body.projectId}`)) events.push(event);
      return events;
    })();
    expect(proposed!.data).toMatchObject({ description: '第一段\n\t第二段' });
  });

  it('amounts and numbers stay within ±1e12 (¥10 billion in fen)', async () => {
    await refused('POST', '/api/v1/projects', department, { ...proposal('water-bureau'), requestedFen: 1e12 + 1 }, 'requestedFen');
    await refused('POST', `/api/v1/projects/${project}/expenditures`, department, { amountFen: 2 ** 53 - 1, spentOn: '2026-06-30' }, 'amountFen');
    await refused('POST', `/api/v1/projects/${project}/indicators/households/target-adjustments`, finance, { adjustedTarget: -1e13, reason: 'x' }, 'adjustedTarget');
  });

  it('indicator points carry at most two decimals', async () => {
    const scores = fairScores.map((s, i) => (i === 1 ? { ...s, points: 10.125 } : s));
    await refused('POST', `/api/v1/projects/${project}/evaluations`, finance, { kind: 'finance', scores, executionRateReason: 'x' }, 'scores.1.points');
  });

  it('a qualitative indicator with a target or unit of the wrong type is refused, not waved through', async () => {
    const other = await api.call('POST', '/api/v1/projects', { token: department, body: proposal('water-bureau') });
    const indicators = goals.indicators.map((i) => (i.comparator === 'qualitative' ? { ...i, target: true, unit: 7 } : i));
    await refused('POST', `/api/v1/projects/${other.body.projectId}/goals`, department, { ...goals, indicators }, 'indicators.2.target');
  });

  it('calendar dates and instants that do not exist are 400, not rolled over or 404', async () => {
    await refused('POST', `/api/v1/projects/${project}/expenditures`, department, { amountFen: 100, spentOn: '2026-02-30' }, 'spentOn');
    const other = await api.call('POST', '/api/v1/projects', { token: department, body: proposal('water-bureau') });
    const indicators = goals.indicators.map((i, n) => (n === 0 ? { ...i, deadline: '2026-11-31' } : i));
    await refused('POST', `/api/v1/projects/${other.body.projectId}/goals`, department, { ...goals, indicators }, 'indicators.0.deadline');
    await refused('POST', `/api/v1/projects/${project}/rectifications`, finance, { issues: 'x', deadline: '2026-09-31T00:00:00Z' }, 'deadline');
  });

  it.each(['/api/v1/projects', '/api/v1/deviations', '/api/v1/evaluations', '/api/v1/accountability'])('%s?offset=1e19 (or any offset past 1e12) is 400, not 500', async (path) => {
    for (const offset of ['1e19', '9223372036854775808', '1000000000001']) {
      const response = await api.call('GET', `${path}?offset=${offset}`, { token: finance });
      expect({ offset, status: response.status, field: response.body.errors?.[0]?.field }).toEqual({ offset, status: 400, field: 'offset' });
    }
    expect((await api.call('GET', `${path}?offset=1000000000000`, { token: finance })).status).toBe(200);
  });

  it('states the number bounds in the OpenAPI document', async () => {
    const doc = (await api.call('GET', '/api/docs-json')).body;
    expect(doc.components.schemas.ProposeProjectDto.properties.requestedFen).toMatchObject({ minimum: expect.any(Number), maximum: 1e12 });
    expect(doc.components.schemas.IndicatorDto.properties.weight).toMatchObject({ minimum: -1e12, maximum: 1e12 });
    const offset = doc.paths['/api/v1/projects'].get.parameters.find((p: { name: string }) => p.name === 'offset');
    expect(offset.schema).toMatchObject({ maximum: 1e12 });
  });
});
