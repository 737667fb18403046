import { midYear } from '../support/lifecycle-fixtures.js';
import { startApi, type RunningApi } from '../support/api-harness.js';
import { decideAndAppend, fundedProject, post } from '../support/read-model-scenario.js';

/*
 * Three deviations as of 15 July 2026:
 *   w1 illness-drop (May reading 1 of 20 → red), flagged 1 June, explained;
 *   w1 households   (June reading 470 of 600 due → 78%: yellow), lit with the reading on 15 July
 *                   (light-1: the default rulebook decides it in the recording command), still open;
 *   e1 households   (April reading 100 of 1,200 → red), flagged 10 May, resolved on 1 July.
 */
describe('GET /api/v1/deviations (the deviation watchlist)', () => {
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
    await fundedProject(api, finance, education, 'education-bureau', 'e1', 90_000_000);
    await post(api, water, '/projects/w1/readings', { readingId: 'r-ill-05', indicatorId: 'illness-drop', period: '2026-05', value: 1 });
    await post(api, water, '/projects/w1/readings', { readingId: 'r-hh-06', indicatorId: 'households', period: '2026-06', value: 470 });
    await post(api, education, '/projects/e1/readings', { readingId: 'r-hh-04', indicatorId: 'households', period: '2026-04', value: 100 });
    const flag = (project: string, deviationId: string, readingId: string, now: string) =>
      decideAndAppend(api, project, { type: 'FlagDeviation', deviationId, subject: { kind: 'indicator', readingId } }, now);
    await flag('w1', 'dev-ill', 'r-ill-05', '2026-06-01T00:00:00.000Z');
    await flag('e1', 'dev-e1', 'r-hh-04', '2026-05-10T00:00:00.000Z');
    await post(api, water, '/projects/w1/deviations/dev-ill/explanation', { cause: 'funding', measures: '加快拨付进度', likelihood: 'possible' });
    await post(api, education, '/projects/e1/deviations/dev-e1/explanation', { cause: 'staff', measures: '增派人员', likelihood: 'certain' });
    await decideAndAppend(api, 'e1', { type: 'ResolveDeviation', deviationId: 'dev-e1', resolution: '进度已追上' }, '2026-07-01T00:00:00.000Z');
    await api.settled();
  });
  afterAll(() => api.close());

  const watch = async (token: string, query = '') => api.call('GET', `/api/v1/deviations${query}`, { token });

  it('lists red before yellow and the oldest first, with age in days as of the clock', async () => {
    const { body } = await watch(auditor);
    expect(body.total).toBe(3);
    expect(body.items.map((d: any) => [d.deviationId, d.severity, d.status, d.ageDays])).toEqual([
      ['dev-e1', 'red', 'resolved', 66],
      ['dev-ill', 'red', 'explained', 44],
      ['light-1', 'yellow', 'open', 0],
    ]);
    expect(body.items[0]).toMatchObject({ projectId: 'e1', department: 'education-bureau', daysOpen: 52, cause: 'staff', resolution: '进度已追上' });
    expect(body.items[1]).toMatchObject({ subject: 'indicator', indicatorId: 'illness-drop', period: '2026-05', cause: 'funding', measures: '加快拨付进度', daysOpen: null });
  });

  it('filters by status, severity, department and year, and pages', async () => {
    expect((await watch(auditor, '?status=open')).body.items.map((d: any) => d.deviationId)).toEqual(['light-1']);
    expect((await watch(auditor, '?severity=red&status=explained')).body.items.map((d: any) => d.deviationId)).toEqual(['dev-ill']);
    expect((await watch(auditor, '?fiscalYear=2027')).body.total).toBe(0);
    const page = (await watch(auditor, '?limit=1&offset=1')).body;
    expect(page).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.items.map((d: any) => d.deviationId)).toEqual(['dev-ill']);
  });

  it('shows a department its own deviations only', async () => {
    expect((await watch(water)).body.items.map((d: any) => d.deviationId)).toEqual(['dev-ill', 'light-1']);
    expect((await watch(water, '?department=education-bureau')).status).toBe(403);
  });

  it('a warning the data clear keeps its row, and is listed as cleared unexplained', async () => {
    // July: 700 of 700 due → green; the open yellow warning clears in the recording command.
    await post(api, water, '/projects/w1/readings', { readingId: 'r-hh-07', indicatorId: 'households', period: '2026-07', value: 700 });
    await api.settled();
    const all = (await watch(auditor)).body;
    expect(all.total).toBe(3);
    expect(all.items.find((d: any) => d.deviationId === 'light-1')).toMatchObject({ status: 'cleared', severity: 'yellow', cause: null, resolvedAt: null });
    expect((await watch(auditor, '?status=cleared-unexplained')).body.items.map((d: any) => d.deviationId)).toEqual(['light-1']);
    expect((await watch(auditor, '?status=open')).body.total).toBe(0);
  });

  it('refuses unknown statuses and severities with the failing fields', async () => {
    const response = await watch(auditor, '?status=forgotten&severity=orange');
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['severity', 'status']);
  });
});
