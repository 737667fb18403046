import { goals, midYear, proposal } from '../support/lifecycle-fixtures.js';
import { startApi, type RunningApi } from '../support/api-harness.js';

describe('GET /api/v1/projects (the project list read model)', () => {
  let api: RunningApi;
  let water: string;
  let education: string;
  let oversight: string;
  beforeAll(async () => {
    api = await startApi({ clock: midYear });
    water = await api.token({ role: 'department', department: 'water-bureau' });
    education = await api.token({ role: 'department', department: 'education-bureau' });
    oversight = await api.token({ role: 'oversight' });
    for (let i = 0; i < 3; i++) {
      const id = `water-${i}`;
      await api.call('POST', '/api/v1/projects', { token: water, body: { ...proposal('water-bureau'), projectId: id } });
      if (i > 0) await api.call('POST', `/api/v1/projects/${id}/goals`, { token: water, body: goals });
    }
    await api.call('POST', '/api/v1/projects', { token: education, body: { ...proposal('education-bureau'), projectId: 'school-1', fiscalYear: 2027 } });
    await api.settled();
  });
  afterAll(() => api.close());

  const list = async (token: string, query = '') => (await api.call('GET', `/api/v1/projects${query}`, { token })).body;

  it('filters by department, fiscal year and stage, and pages in a stable order', async () => {
    expect((await list(oversight)).total).toBe(4);
    expect((await list(oversight, '?department=water-bureau')).items.map((p: { projectId: string }) => p.projectId)).toEqual(['water-0', 'water-1', 'water-2']);
    expect((await list(oversight, '?fiscalYear=2027')).items.map((p: { projectId: string }) => p.projectId)).toEqual(['school-1']);
    expect((await list(oversight, '?stage=goals-submitted')).total).toBe(2);
    const page = await list(oversight, '?department=water-bureau&limit=2&offset=1');
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(page.items.map((p: { projectId: string }) => p.projectId)).toEqual(['water-1', 'water-2']);
    expect(page.items[0]).toMatchObject({ department: 'water-bureau', fiscalYear: 2026, stage: 'goals-submitted', requestedFen: 100_000_000, openDeviations: 0 });
  });

  it('shows a department only its own projects', async () => {
    const own = await list(education);
    expect(own.items.map((p: { projectId: string }) => p.projectId)).toEqual(['school-1']);
    const refused = await api.call('GET', '/api/v1/projects?department=water-bureau', { token: education });
    expect(refused.status).toBe(403);
  });

  it('refuses bad filters with the failing fields', async () => {
    const response = await api.call('GET', '/api/v1/projects?stage=dreaming&limit=0', { token: oversight });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'stage']);
  });
});
