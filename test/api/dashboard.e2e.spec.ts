import { fairScores, midYear, proposal } from '../support/lifecycle-fixtures.js';
import { startApi, type RunningApi } from '../support/api-harness.js';
import { decideAndAppend, fundedProject, post } from '../support/read-model-scenario.js';

/*
 * Water bureau, 2026, as of 15 July:
 *   w1: requested 100,000,000, allocated 90,000,000, adjusted to 80,000,000, spent 40,000,000;
 *       June readings: households 560 of 1,200 (on track), unit cost 700 ≤ 800 (on track, a ceiling
 *       is not met before year end), illness drop 2 of 20 (red, flagged) then the target adjusted
 *       to 3 (on track again), satisfaction 95 ≥ 90 (met); water quality has no reading.
 *   w2: requested 60,000,000, allocated 50,000,000, spent 10,000,000, evaluated fair, cut 10 %.
 * Education bureau: one 2026 proposal of 30,000,000; one 2027 proposal that must not show.
 */
describe('GET /api/v1/dashboards/departments (the department dashboard)', () => {
  let api: RunningApi;
  let water: string;
  let education: string;
  let oversight: string;

  beforeAll(async () => {
    api = await startApi({ clock: midYear });
    const finance = await api.token({ role: 'finance', subject: 'finance-bureau' });
    water = await api.token({ role: 'department', department: 'water-bureau' });
    education = await api.token({ role: 'department', department: 'education-bureau' });
    oversight = await api.token({ role: 'oversight' });

    await fundedProject(api, finance, water, 'water-bureau', 'w1', 90_000_000);
    await post(api, finance, '/projects/w1/budget-adjustments', { newBudgetFen: 80_000_000, reason: '中期调减' });
    await post(api, water, '/projects/w1/expenditures', { amountFen: 40_000_000, spentOn: '2026-06-30' });
    for (const [indicatorId, value, unit] of [['households', 560, '户'], ['unit-cost', 700, '元/户'], ['illness-drop', 2, '%'], ['satisfaction', 95, '%']] as const) {
      await post(api, water, '/projects/w1/readings', { readingId: `r-${indicatorId}`, indicatorId, period: '2026-06', value, unit });
    }
    await decideAndAppend(api, 'w1', { type: 'FlagDeviation', deviationId: 'dev-illness', subject: { kind: 'indicator', readingId: 'r-illness-drop' } }, midYear().toISOString());
    await post(api, finance, '/projects/w1/indicators/illness-drop/target-adjustments', { adjustedTarget: 3, reason: '统计口径调整' });

    await fundedProject(api, finance, water, 'water-bureau', 'w2', 50_000_000, 60_000_000);
    await post(api, water, '/projects/w2/expenditures', { amountFen: 10_000_000, spentOn: '2026-05-31' });
    await post(api, finance, '/projects/w2/evaluations', { evaluationId: 'eval-w2', kind: 'finance', method: 'factor-analysis', scores: fairScores, executionRateReason: '项目仍在实施' });
    await post(api, finance, '/projects/w2/budget-cuts', { evaluationId: 'eval-w2' });

    await post(api, education, '/projects', { ...proposal('education-bureau'), projectId: 'e1', requestedFen: 30_000_000 });
    await post(api, education, '/projects', { ...proposal('education-bureau'), projectId: 'e2027', fiscalYear: 2027 });
    await api.settled();
  });
  afterAll(() => api.close());

  const dashboard = async (token: string, query: string) => api.call('GET', `/api/v1/dashboards/departments${query}`, { token });

  it('sums money, rates, deviations, grades and cuts per department for the year', async () => {
    const response = await dashboard(oversight, '?fiscalYear=2026');
    expect(response.status).toBe(200);
    expect(response.body.departments.map((d: { department: string }) => d.department)).toEqual(['education-bureau', 'water-bureau']);
    const [educationRow, waterRow] = response.body.departments;
    expect(waterRow).toEqual({
      department: 'water-bureau',
      fiscalYear: 2026,
      projects: 2,
      requestedFen: 160_000_000,
      allocatedFen: 140_000_000,
      adjustedBudgetFen: 130_000_000,
      spentFen: 50_000_000,
      executionRate: 0.3846,
      goalCompletionRate: 1,
      indicators: { total: 10, withReading: 4, metOrOnTrack: 4 },
      openDeviations: { yellow: 0, red: 1 },
      grades: { excellent: 0, good: 0, fair: 1, low: 0, poor: 0 },
      cutFen: 5_000_000,
    });
    expect(educationRow).toMatchObject({ projects: 1, requestedFen: 30_000_000, allocatedFen: 0, executionRate: null, goalCompletionRate: null, cutFen: 0 });
  });

  it('counts a red reading against goal completion until the target is adjusted', async () => {
    // After the adjustment the illness indicator is on track; a fresh red reading puts it back.
    await post(api, water, '/projects/w1/readings', { readingId: 'r-illness-07', indicatorId: 'illness-drop', period: '2026-07', value: 0, unit: '%' });
    await api.settled();
    const [waterRow] = (await dashboard(oversight, '?fiscalYear=2026&department=water-bureau')).body.departments;
    expect(waterRow.indicators).toEqual({ total: 10, withReading: 4, metOrOnTrack: 3 });
    expect(waterRow.goalCompletionRate).toBe(0.75);
  });

  it('shows a department its own row only, and refuses another department', async () => {
    const own = await dashboard(education, '?fiscalYear=2026');
    expect(own.body.departments.map((d: { department: string }) => d.department)).toEqual(['education-bureau']);
    expect((await dashboard(education, '?fiscalYear=2026&department=water-bureau')).status).toBe(403);
    expect((await dashboard(oversight, '?fiscalYear=2027')).body.departments).toMatchObject([{ department: 'education-bureau', projects: 1 }]);
  });

  it('requires a valid fiscal year', async () => {
    const response = await dashboard(oversight, '?fiscalYear=twenty');
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['fiscalYear']);
    expect((await dashboard(oversight, '')).status).toBe(400);
  });
});
