import { fairScores, midYear, selfSheetScores } from '../support/lifecycle-fixtures.js';
import { startApi, type RunningApi } from '../support/api-harness.js';
import { fundedProject, post } from '../support/read-model-scenario.js';

/*
 * Water bureau 2026 (a fifth of each budget spent): w1 self-evaluated excellent, then finance scored it fair (the finance
 * grade drives results); w2 scored fair by finance. Education bureau 2026: e1 self-evaluated only.
 */
describe('GET /api/v1/evaluations and /evaluations/grade-distribution', () => {
  let api: RunningApi;
  let water: string;
  let education: string;
  let finance: string;

  beforeAll(async () => {
    api = await startApi({ clock: midYear });
    finance = await api.token({ role: 'finance', subject: 'finance-bureau' });
    water = await api.token({ role: 'department', department: 'water-bureau' });
    education = await api.token({ role: 'department', department: 'education-bureau' });
    const reason = '项目仍在实施';
    await fundedProject(api, finance, water, 'water-bureau', 'w1', 90_000_000);
    await fundedProject(api, finance, water, 'water-bureau', 'w2', 90_000_000);
    await fundedProject(api, finance, education, 'education-bureau', 'e1', 90_000_000);
    // A fifth of the budget spent: 2 execution-rate points lift the fair scores' 58 to 60, the fair band (中).
    for (const id of ['w1', 'w2']) await post(api, water, `/projects/${id}/expenditures`, { amountFen: 18_000_000, spentOn: '2026-06-30' });
    // Every target met: the computed sheet gives 90 indicator points, plus 2 for the fifth spent: 优.
    await post(api, water, '/projects/w1/evaluations', { evaluationId: 'w1-self', kind: 'self', method: 'factor-analysis', scores: selfSheetScores(), executionRateReason: reason });
    await post(api, finance, '/projects/w1/evaluations', { evaluationId: 'w1-fin', kind: 'finance', method: 'factor-analysis', scores: fairScores, executionRateReason: reason });
    await post(api, finance, '/projects/w2/evaluations', { evaluationId: 'w2-fin', kind: 'finance', method: 'comparison', scores: fairScores, executionRateReason: reason });
    // Nothing spent, and the qualitative pick a cent below full (7.13, still 达成): 89.99, just short of 优.
    await post(api, education, '/projects/e1/evaluations', { evaluationId: 'e1-self', kind: 'self', method: 'factor-analysis', scores: selfSheetScores(7.13), executionRateReason: reason });
    await api.settled();
  });
  afterAll(() => api.close());

  it('lists every evaluation with its score and grade, self-evaluations marked as not driving results', async () => {
    const { body } = await api.call('GET', '/api/v1/evaluations?fiscalYear=2026', { token: finance });
    expect(body.total).toBe(4);
    expect(body.items.map((e: any) => [e.evaluationId, e.kind, e.grade, e.drivesResults])).toEqual([
      // Nothing spent on e1 and a qualitative pick a cent below full: 89.99, just short of 优.
      ['e1-self', 'self', 'good', false],
      ['w1-fin', 'finance', 'fair', true],
      ['w1-self', 'self', 'excellent', false],
      ['w2-fin', 'finance', 'fair', true],
    ]);
    expect(body.items[1]).toMatchObject({ projectId: 'w1', department: 'water-bureau', fiscalYear: 2026, method: 'factor-analysis', evaluatorId: 'finance-bureau' });
    expect(body.items[1].totalScore).toBeGreaterThanOrEqual(60);
    expect(body.items[1].totalScore).toBeLessThan(80);
  });

  it('filters by grade and kind, and keeps a department to its own', async () => {
    expect((await api.call('GET', '/api/v1/evaluations?grade=fair', { token: finance })).body.total).toBe(2);
    expect((await api.call('GET', '/api/v1/evaluations?kind=self&department=water-bureau', { token: finance })).body.items.map((e: any) => e.evaluationId)).toEqual(['w1-self']);
    expect((await api.call('GET', '/api/v1/evaluations', { token: education })).body.items.map((e: any) => e.evaluationId)).toEqual(['e1-self']);
    expect((await api.call('GET', '/api/v1/evaluations?department=water-bureau', { token: education })).status).toBe(403);
  });

  it('counts each project once, by its latest result-driving grade', async () => {
    const { body } = await api.call('GET', '/api/v1/evaluations/grade-distribution?fiscalYear=2026', { token: finance });
    // The education bureau has only a self-evaluation, which drives nothing.
    expect(body).toEqual({
      fiscalYear: 2026,
      departments: [{ department: 'water-bureau', fiscalYear: 2026, grades: { excellent: 0, good: 0, fair: 2, low: 0, poor: 0 }, evaluated: 2 }],
    });
    expect((await api.call('GET', '/api/v1/evaluations/grade-distribution?fiscalYear=2025', { token: finance })).body.departments).toEqual([]);
  });

  it('refuses bad filters with the failing fields', async () => {
    const list = await api.call('GET', '/api/v1/evaluations?grade=splendid&kind=peer', { token: finance });
    expect(list.status).toBe(400);
    expect(list.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['grade', 'kind']);
    const distribution = await api.call('GET', '/api/v1/evaluations/grade-distribution', { token: finance });
    expect(distribution.status).toBe(400);
    expect(distribution.body.errors.map((e: { field: string }) => e.field)).toEqual(['fiscalYear']);
  });
});
