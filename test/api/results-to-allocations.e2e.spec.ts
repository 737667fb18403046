import { randomUUID } from 'node:crypto';
import { projectStream } from '@jixiao/domain';
import { multiYearLife } from '../../libs/projections/src/testing/multi-year-life.js';
import { startApi, type RunningApi } from '../support/api-harness.js';

/*
 * The query routes over a project living three fiscal years (issue 17). The lives are decided
 * by the domain (multiYearLife, practice-2027) and stored as the command pipeline stores them,
 * metadata with each event's fiscal year; this file tests the query routes, not the commands.
 *   w1 (water-bureau): 2026 中, maintained, cut 10,000,000; 2027 allocated 95,000,000 over a cap of
 *      90,000,000 with a reason (渝财预〔2027〕1号), 优, prioritised; 2028 at the cap, 差, reduced, cut
 *      28,500,000 not yet applied.
 *   e1 (education-bureau): new in 2027, 优, maintained.
 */
describe('year-N results and year-N+1 allocations over HTTP', () => {
  let api: RunningApi;
  let water: string;
  let education: string;
  let oversight: string;

  beforeAll(async () => {
    api = await startApi({ clock: () => new Date('2028-12-15T00:00:00.000Z') });
    water = await api.token({ role: 'department', department: 'water-bureau' });
    education = await api.token({ role: 'department', department: 'education-bureau' });
    oversight = await api.token({ role: 'oversight' });
    const lives = {
      w1: multiYearLife('w1', 'water-bureau', 2026, [
        { grade: 'fair', decision: 'maintain', cut: true, rectify: true },
        { grade: 'excellent', decision: 'prioritise', aboveCapFen: 5_000_000, documentNo: '渝财预〔2027〕1号' },
        { grade: 'poor', decision: 'reduce', cut: true, rectify: true },
      ]),
      e1: multiYearLife('e1', 'education-bureau', 2027, [{ grade: 'excellent', decision: 'maintain' }]),
    };
    for (const [projectId, { events }] of Object.entries(lives)) {
      await api.store.append(projectStream(projectId), events.map((e) => ({ id: randomUUID(), ...e, data: e.data as never })), 'no_stream');
    }
    await api.settled();
  });
  afterAll(() => api.close());

  const get = (token: string, path: string) => api.call('GET', `/api/v1${path}`, { token });

  it('GET /dashboards/results-to-allocations sets each department’s year-N results beside its year-N+1 allocations', async () => {
    const response = await get(oversight, '/dashboards/results-to-allocations?fiscalYear=2026');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      fiscalYear: 2026,
      nextFiscalYear: 2027,
      departments: [
        {
          department: 'water-bureau',
          results: {
            fiscalYear: 2026,
            projects: 1,
            evaluated: 1,
            grades: { excellent: 0, good: 0, fair: 1, low: 0, poor: 0 },
            decisions: { prioritise: 0, maintain: 1, suspend: 0, cancel: 0, reduce: 0, 'adjust-use': 0 },
            cutsDecided: 1,
            cutsDecidedFen: 10_000_000,
          },
          allocations: {
            fiscalYear: 2027,
            allocatedFen: 95_000_000,
            continuing: 1,
            continuingAllocated: 1,
            continuingAllocatedFen: 95_000_000,
            capFen: 90_000_000,
            cutsAppliedFen: 10_000_000,
            cutsNotYetAppliedFen: 0,
            exceptions: { count: 1, aboveCapFen: 5_000_000 },
          },
        },
      ],
    });
    const after2027 = (await get(oversight, '/dashboards/results-to-allocations?fiscalYear=2027')).body.departments;
    expect(after2027.map((d: any) => [d.department, d.results.evaluated, d.allocations.allocatedFen, d.allocations.continuing])).toEqual([
      ['education-bureau', 1, 0, 0],
      ['water-bureau', 1, 95_000_000, 1],
    ]);
  });

  it('keeps a department to its own row and refuses a bad year', async () => {
    const own = (await get(education, '/dashboards/results-to-allocations?fiscalYear=2027')).body.departments;
    expect(own.map((d: { department: string }) => d.department)).toEqual(['education-bureau']);
    expect((await get(education, '/dashboards/results-to-allocations?fiscalYear=2027&department=water-bureau')).status).toBe(403);
    const bad = await get(oversight, '/dashboards/results-to-allocations?fiscalYear=1999');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['fiscalYear']);
    expect((await get(oversight, '/dashboards/results-to-allocations')).status).toBe(400);
  });

  it('GET /accountability leads each cut to the allocation that applied it, scoped by the year decided or applied', async () => {
    const decided = (await get(water, '/accountability?fiscalYear=2026')).body;
    expect(decided.cuts.items).toEqual([
      expect.objectContaining({
        cutId: 'cut-2026',
        fiscalYear: 2026,
        grade: 'fair',
        rulebook: { id: 'practice-2027', version: 1 },
        amountFen: 10_000_000,
        applied: {
          fiscalYear: 2027,
          allocatedFen: 95_000_000,
          capFen: 90_000_000,
          documentNo: '渝财预〔2027〕1号',
          appliedAt: '2027-01-15T00:00:00.000Z',
          exception: { reason: 'Flood repairs cannot wait', aboveCapFen: 5_000_000 },
        },
      }),
    ]);
    expect(decided.exceptions).toMatchObject({ total: 1, aboveCapFen: 5_000_000, items: [{ projectId: 'w1', fiscalYear: 2027, fromFiscalYear: 2026, reason: 'Flood repairs cannot wait' }] });
    const applied = (await get(oversight, '/accountability?appliedInFiscalYear=2027')).body;
    expect(applied.cuts.items.map((c: { cutId: string }) => c.cutId)).toEqual(['cut-2026']);
    const pending = (await get(oversight, '/accountability?fiscalYear=2028')).body.cuts;
    expect(pending).toMatchObject({ total: 1, totalFen: 28_500_000, appliedFen: 0, notYetAppliedFen: 28_500_000, items: [{ cutId: 'cut-2028', applied: null }] });
    expect((await get(education, '/accountability?fiscalYear=2026')).body.cuts.total).toBe(0);
    const bad = await get(oversight, '/accountability?appliedInFiscalYear=twenty');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['appliedInFiscalYear']);
  });

  it('lists the project in each year it lived, and its indicators per year', async () => {
    const inYear = async (year: number) => (await get(oversight, `/projects?fiscalYear=${year}`)).body.items.map((p: any) => [p.projectId, p.fiscalYear, p.allocatedFen, p.grade]);
    expect(await inYear(2026)).toEqual([['w1', 2026, 100_000_000, 'fair']]);
    expect(await inYear(2027)).toEqual([
      ['e1', 2027, 100_000_000, 'excellent'],
      ['w1', 2027, 95_000_000, 'excellent'],
    ]);
    expect((await get(oversight, '/projects')).body.items.map((p: any) => [p.projectId, p.fiscalYear])).toEqual([
      ['w1', 2028],
      ['e1', 2027],
    ]);
    const first = (await get(water, '/projects/w1/indicators?fiscalYear=2026')).body;
    expect([first.fiscalYear, first.indicators[0].latestReading.readingId]).toEqual([2026, 'r-2026']);
    expect((await get(water, '/projects/w1/indicators')).body.fiscalYear).toBe(2028);
    expect((await get(water, '/projects/w1/indicators?fiscalYear=abc')).status).toBe(400);
  });
});
