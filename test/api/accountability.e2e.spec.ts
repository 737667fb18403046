import { fairScores } from '../support/lifecycle-fixtures.js';
import { startApi, type RunningApi } from '../support/api-harness.js';
import { decideAndAppend, fundedProject, post } from '../support/read-model-scenario.js';

/*
 * Water bureau 2026, evaluated fair in July (cut 10 % of 90,000,000 = 9,000,000) with three
 * rectifications ordered: rect-a due 1 August (left undone), rect-b due 1 October (reported
 * and verified), rect-c due 1 December (reported, awaiting verification).
 * The clock then moves to 1 September: rect-a is overdue, so accountability follows and
 * a second cut, caused by the rectification, of 10 % again.
 */
describe('GET /api/v1/accountability (the accountability ledger)', () => {
  let api: RunningApi;
  let now = new Date('2026-07-15T08:00:00.000Z');
  let water: string;
  let education: string;
  let oversight: string;

  beforeAll(async () => {
    api = await startApi({ clock: () => now });
    const finance = await api.token({ role: 'finance', subject: 'finance-bureau' });
    water = await api.token({ role: 'department', department: 'water-bureau' });
    education = await api.token({ role: 'department', department: 'education-bureau' });
    oversight = await api.token({ role: 'oversight' });
    await fundedProject(api, finance, water, 'water-bureau', 'w1', 90_000_000);
    // A fifth spent: 2 execution-rate points lift the fair scores' 58 to 60, the fair band (中).
    await post(api, water, '/projects/w1/expenditures', { amountFen: 18_000_000, spentOn: '2026-06-30' });
    await post(api, finance, '/projects/w1/evaluations', { evaluationId: 'eval-1', kind: 'finance', method: 'factor-analysis', scores: fairScores, executionRateReason: '项目仍在实施' });
    await post(api, finance, '/projects/w1/budget-cuts', { cutId: 'cut-eval', evaluationId: 'eval-1' });
    for (const [rid, deadline] of [['rect-a', '2026-08-01T00:00:00Z'], ['rect-b', '2026-10-01T00:00:00Z'], ['rect-c', '2026-12-01T00:00:00Z']]) {
      await post(api, finance, '/projects/w1/rectifications', { rectificationId: rid, issues: `问题 ${rid}`, evaluationId: 'eval-1', deadline });
    }
    await post(api, water, '/projects/w1/rectifications/rect-b/report', { report: '已整改' });
    await post(api, finance, '/projects/w1/rectifications/rect-b/verification', { passed: true });
    await post(api, water, '/projects/w1/rectifications/rect-c/report', { report: '整改中' });
    now = new Date('2026-09-01T00:00:00.000Z');
    await decideAndAppend(api, 'w1', { type: 'TakeAccountabilityAction', actionId: 'acc-1', cause: { kind: 'rectification', rectificationId: 'rect-a' }, target: '项目负责处室', measure: '约谈' }, now.toISOString());
    await post(api, finance, '/projects/w1/budget-cuts', { cutId: 'cut-rect', rectificationId: 'rect-a' });
    await fundedProject(api, finance, education, 'education-bureau', 'e1', 50_000_000);
    await api.settled();
  });
  afterAll(() => api.close());

  const ledger = async (token: string, query = '') => api.call('GET', `/api/v1/accountability${query}`, { token });

  it('sorts rectifications into due, overdue and verified as of the clock', async () => {
    const { body } = await ledger(oversight, '?fiscalYear=2026');
    expect(body.asOf).toBe('2026-09-01T00:00:00.000Z');
    expect(body.rectifications.counts).toEqual({ ordered: 3, due: 1, overdue: 1, verified: 1 });
    expect(body.rectifications.items.map((r: any) => [r.rectificationId, r.status, r.standing])).toEqual([
      ['rect-a', 'ordered', 'overdue'],
      ['rect-b', 'verified', 'verified'],
      ['rect-c', 'reported', 'due'],
    ]);
    expect(body.rectifications.items[0]).toMatchObject({ projectId: 'w1', department: 'water-bureau', evaluationId: 'eval-1', deadline: '2026-08-01T00:00:00.000Z' });
  });

  it('lists accountability actions and each cut with the evaluation or rectification that caused it', async () => {
    const { body } = await ledger(oversight);
    expect(body.actions.items).toEqual([
      expect.objectContaining({ actionId: 'acc-1', cause: { kind: 'rectification', id: 'rect-a' }, target: '项目负责处室', measure: '约谈', takenAt: '2026-09-01T00:00:00.000Z' }),
    ]);
    expect(body.cuts.total).toBe(2);
    expect(body.cuts.totalFen).toBe(18_000_000);
    const [byEvaluation, byRectification] = body.cuts.items;
    expect(byEvaluation).toMatchObject({ cutId: 'cut-eval', grade: 'fair', baseFen: 90_000_000, proportion: 0.1, amountFen: 9_000_000 });
    expect(byEvaluation.cause).toMatchObject({ kind: 'evaluation', id: 'eval-1', evaluation: { kind: 'finance', grade: 'fair' } });
    expect(byRectification).toMatchObject({ cutId: 'cut-rect', amountFen: 9_000_000 });
    expect(byRectification.cause).toEqual({ kind: 'rectification', id: 'rect-a', rectification: { issues: '问题 rect-a', deadline: '2026-08-01T00:00:00.000Z', status: 'ordered' } });
  });

  it('keeps a department to its own ledger', async () => {
    const own = (await ledger(education)).body;
    expect(own.rectifications.counts).toEqual({ ordered: 0, due: 0, overdue: 0, verified: 0 });
    expect(own.cuts.items).toEqual([]);
    expect((await ledger(water)).body.cuts.total).toBe(2);
    expect((await ledger(education, '?department=water-bureau')).status).toBe(403);
  });

  it('refuses a bad year and bad paging with the failing fields', async () => {
    const response = await ledger(oversight, '?fiscalYear=1900&limit=9999');
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['fiscalYear', 'limit']);
  });
});
