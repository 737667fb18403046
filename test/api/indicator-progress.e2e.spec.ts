import { midYear } from '../support/lifecycle-fixtures.js';
import { startApi, type RunningApi } from '../support/api-harness.js';
import { fundedProject, post } from '../support/read-model-scenario.js';

/*
 * As of 15 July 2026 (序时进度 = 195.33 of 365 days ≈ 0.5352):
 *   households   ≥ 1,200: June 560, then a late May reading 400 that must not replace it → on track
 *   unit-cost    ≤ 800:   June 850, 6.25 % over the ceiling: inside the 10 % yellow line → on track (not met)
 *   water-quality qualitative: likelihood "possible" → yellow
 *   illness-drop ≥ 20: June 2 → red; adjusted to 4, the same reading (2 expected by June) → on track
 *   satisfaction ≥ 90:  June 92 → met
 */
describe('GET /api/v1/projects/:id/indicators (indicator progress)', () => {
  let api: RunningApi;
  let water: string;
  let education: string;
  let auditor: string;

  beforeAll(async () => {
    api = await startApi({ clock: midYear });
    const finance = await api.token({ role: 'finance', subject: 'finance-bureau' });
    water = await api.token({ role: 'department', department: 'water-bureau' });
    education = await api.token({ role: 'department', department: 'education-bureau' });
    auditor = await api.token({ role: 'auditor' });
    await fundedProject(api, finance, water, 'water-bureau', 'w1', 90_000_000);
    const read = (indicatorId: string, period: string, body: Record<string, unknown>) =>
      post(api, water, '/projects/w1/readings', { readingId: `${indicatorId}-${period}`, indicatorId, period, ...body });
    await read('households', '2026-06', { value: 560 });
    await read('households', '2026-05', { value: 400 });
    await read('unit-cost', '2026-06', { value: 850 });
    await read('water-quality', '2026-06', { likelihood: 'possible' });
    await read('illness-drop', '2026-06', { value: 2 });
    await read('satisfaction', '2026-06', { value: 92 });
    await api.settled();
  });
  afterAll(() => api.close());

  const progress = async (token: string, id = 'w1') => api.call('GET', `/api/v1/projects/${id}/indicators`, { token });
  const byId = (body: any) => Object.fromEntries(body.indicators.map((i: any) => [i.indicatorId, i]));

  it('gives targets, the latest reading, the value expected by 序时进度 and a status per indicator', async () => {
    const { status, body } = await progress(auditor);
    expect(status).toBe(200);
    expect(body).toMatchObject({ projectId: 'w1', department: 'water-bureau', fiscalYear: 2026, asOf: '2026-07-15T08:00:00.000Z' });
    expect(body.timeProgress).toBeCloseTo(195.3333 / 365, 4);
    expect(body.indicators.map((i: any) => i.indicatorId)).toEqual(['households', 'unit-cost', 'water-quality', 'illness-drop', 'satisfaction']);
    const i = byId(body);
    expect(i.households).toMatchObject({ startOfYearTarget: 1200, adjustedTarget: null, latestReading: { period: '2026-06', value: 560 }, status: 'on-track' });
    expect(i.households.expectedNow).toBeCloseTo(1200 * body.timeProgress, 3);
    expect(i['unit-cost']).toMatchObject({ expectedNow: 800, status: 'on-track' });
    expect(i['water-quality']).toMatchObject({ expectedNow: null, latestReading: { likelihood: 'possible', value: null }, status: 'yellow' });
    expect(i['illness-drop']).toMatchObject({ startOfYearTarget: 20, status: 'red' });
    expect(i.satisfaction).toMatchObject({ status: 'met' });
  });

  it('re-judges the latest reading against an adjusted target', async () => {
    await post(api, water, '/projects/w1/indicators/illness-drop/target-adjustments', { adjustedTarget: 4, reason: '统计口径调整' });
    await api.settled();
    const i = byId((await progress(water)).body);
    expect(i['illness-drop']).toMatchObject({ startOfYearTarget: 20, adjustedTarget: 4, status: 'on-track' });
    expect(i['illness-drop'].expectedNow).toBeCloseTo(4 * (195.3333 / 365), 3);
  });

  it('answers another department exactly as it answers an unknown project: 404', async () => {
    const unknown = await progress(education, 'no-such-project');
    const refused = await progress(education);
    expect(unknown.status).toBe(404);
    expect({ status: refused.status, body: { ...refused.body, instance: undefined } }).toEqual({ status: unknown.status, body: { ...unknown.body, instance: undefined } });
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
