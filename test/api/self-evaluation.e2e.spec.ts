import { nationalRulebook2020, projectStream } from '@jixiao/domain';
import { startApi, type RunningApi } from '../support/api-harness.js';
import { fiscalYear, midYear, proposal } from '../support/lifecycle-fixtures.js';
import { post } from '../support/read-model-scenario.js';

/*
 * The self-evaluation sheet 绩效自评表 over HTTP: a project with ten output indicators (weights
 * 10 or 5 of 70 → 分值 50/7 = 7.142857… or 25/7 = 3.571428…), one benefit (30) and one
 * satisfaction indicator (10), goes through its readings to a computed draft. Every expected
 * point below is worked by hand from the rule text, never by the code under test.
 */
const indicator = (indicatorId: string, weight: number, target: number | null, extra: Record<string, unknown> = {}) => ({
  indicatorId,
  name: `指标 ${indicatorId}`,
  level: 'output',
  kind: 'quantity',
  comparator: '>=',
  target,
  unit: '个',
  criteria: null,
  direction: 'higher-is-better',
  weight,
  deadline: `${fiscalYear}-12-31`,
  ...extra,
});
const goals = {
  overallGoal: '十项产出指标的综合项目',
  indicators: [
    indicator('o1', 10, 100),
    indicator('o2', 10, 100),
    indicator('o3', 10, 200),
    indicator('o4', 5, 50),
    indicator('o5', 5, 10),
    indicator('o6', 5, 800, { kind: 'cost', comparator: '<=', direction: 'lower-is-better', unit: '元' }),
    indicator('o7', 5, 500, { kind: 'cost', comparator: '<=', direction: 'lower-is-better', unit: '元' }),
    indicator('o8', 10, 95, { kind: 'quality', unit: '%' }),
    indicator('o9', 5, null, { kind: 'quality', comparator: 'qualitative', unit: null, criteria: '验收报告结论为合格' }),
    indicator('o10', 5, 12, { kind: 'timeliness', unit: '月' }),
    indicator('b1', 20, 20, { level: 'benefit', kind: 'social', unit: '%' }),
    indicator('s1', 10, 90, { level: 'satisfaction', kind: 'service-recipient', unit: '%' }),
  ],
};
/** Latest cumulative readings (June); o2 also has an earlier, superseded March reading. */
const readings: Array<[string, string, number]> = [
  ['o1', '2026-06', 100], //  100/100: 7.14
  ['o2', '2026-03', 30],
  ['o2', '2026-06', 80], //   80/100 × 50/7 = 40/7 = 5.714… → 5.71, short
  ['o3', '2026-06', 150], //  150/200 × 50/7 = 37.5/7 = 5.357… → 5.36, short
  ['o4', '2026-06', 60], //   capped: 25/7 → 3.57; 120% of target: over-achieved
  ['o5', '2026-06', 3], //    3/10 × 25/7 = 7.5/7 = 1.0714… → 1.07, short
  ['o6', '2026-06', 1000], // lower: 800/1000 × 25/7 = 20/7 = 2.857… → 2.86, short
  ['o7', '2026-06', 400], //  lower, under target: 3.57
  ['o8', '2026-06', 95], //   7.14
  ['o10', '2026-06', 12], //  3.57
  ['b1', '2026-06', 15], //   15/20 × 30 = 22.50, short
  ['s1', '2026-06', 92], //   capped: 10.00
];
const shortfallReasons = ['o2', 'o3', 'o5', 'o6', 'b1'].map((indicatorId) => ({ indicatorId, shortfallReason: `${indicatorId}：施工延期，下半年加快进度` }));
/** o9, picked at 2.50 of 25/7 (70%, 部分达成): short, so it carries a reason too. */
const qualitative = { indicatorId: 'o9', tier: 'partly-achieved', points: 2.5, shortfallReason: '部分验收未通过，已整改' };

describe('the self-evaluation sheet over HTTP', () => {
  let api: RunningApi;
  let department: string;
  let finance: string;
  let auditor: string;
  let oversight: string;

  beforeAll(async () => {
    api = await startApi({ clock: midYear });
    finance = await api.token({ role: 'finance', subject: 'finance-bureau' });
    department = await api.token({ role: 'department', department: 'water-bureau' });
    auditor = await api.token({ role: 'auditor' });
    oversight = await api.token({ role: 'oversight' });
    await post(api, department, '/projects', { ...proposal('water-bureau'), projectId: 'ten' });
    await post(api, department, '/projects/ten/goals', goals);
    await post(api, finance, '/projects/ten/goal-reviews', { grade: 'good' });
    await post(api, finance, '/projects/ten/admission', { decision: 'admit', reviewScore: 88 });
    await post(api, finance, '/projects/ten/allocations', { amountFen: 90_000_000 });
    // 81,000,000 of 90,000,000 fen: 90.00%, 9.00 points, no reason needed.
    await post(api, department, '/projects/ten/expenditures', { amountFen: 81_000_000, spentOn: '2026-06-30' });
    for (const [indicatorId, period, value] of readings) await post(api, department, '/projects/ten/readings', { indicatorId, period, value });
  });
  afterAll(() => api.close());

  it('computes the draft from the readings: every row with its inputs and formula id, the subtotals, total and grade', async () => {
    const { status, body, headers } = await api.call('GET', '/api/v1/projects/ten/self-evaluation-draft', { token: department });
    expect(status).toBe(200);
    expect(headers.get('etag')).toBeTruthy();
    expect(body.rows.map((r: any) => [r.indicatorId, r.formulaId, r.target, r.actual, r.maxPoints, r.computedPoints])).toEqual([
      ['o1', 'higher.actual-over-target', 100, 100, 7.14, 7.14],
      ['o2', 'higher.actual-over-target', 100, 80, 7.14, 5.71],
      ['o3', 'higher.actual-over-target', 200, 150, 7.14, 5.36],
      ['o4', 'higher.actual-over-target', 50, 60, 3.57, 3.57],
      ['o5', 'higher.actual-over-target', 10, 3, 3.57, 1.07],
      ['o6', 'lower.target-over-actual', 800, 1000, 3.57, 2.86],
      ['o7', 'lower.target-over-actual', 500, 400, 3.57, 3.57],
      ['o8', 'higher.actual-over-target', 95, 95, 7.14, 7.14],
      ['o9', 'qualitative.three-tiers', null, null, 3.57, null], // awaits the evaluator's pick
      ['o10', 'higher.actual-over-target', 12, 12, 3.57, 3.57],
      ['b1', 'higher.actual-over-target', 20, 15, 30, 22.5],
      ['s1', 'higher.actual-over-target', 90, 92, 10, 10],
    ]);
    expect(body.rows[1]).toMatchObject({ readingId: expect.any(String), actualSource: 'reading', shortfall: true, maxPointsExact: '50/7' });
    expect(body.rows[3]).toMatchObject({ overAchieved: true, shortfall: false });
    // Output without o9: 7.14 + 5.71 + 5.36 + 3.57 + 1.07 + 2.86 + 3.57 + 7.14 + 0 + 3.57 = 39.99
    expect(body).toMatchObject({
      projectId: 'ten',
      outputPoints: 39.99,
      benefitPoints: 22.5,
      satisfactionPoints: 10,
      executionRatePoints: 9,
      budget: { budgetFen: 90_000_000, spentFen: 81_000_000, executionRatePercent: '90.00', points: 9 },
      totalScore: 81.49, // 39.99 + 22.50 + 10 + 9
      grade: 'good',
      rulebook: { id: 'practice-2027', version: 1 }, // the built-in default (since issue 17): national-2020's scoring, deployed-practice lights, 10号 result policy
    });
    expect(body.issues).toEqual([
      { ruleId: 'evaluation.shortfall-reason-required', indicatorId: 'o2' },
      { ruleId: 'evaluation.shortfall-reason-required', indicatorId: 'o3' },
      { ruleId: 'evaluation.shortfall-reason-required', indicatorId: 'o5' },
      { ruleId: 'evaluation.shortfall-reason-required', indicatorId: 'o6' },
      { ruleId: 'evaluation.qualitative-points-required', indicatorId: 'o9' },
      { ruleId: 'evaluation.shortfall-reason-required', indicatorId: 'b1' },
    ]);
  });

  it('serves the draft to finance and auditors, not to oversight (403), and to another department as if absent (404)', async () => {
    expect((await api.call('GET', '/api/v1/projects/ten/self-evaluation-draft', { token: finance })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/projects/ten/self-evaluation-draft', { token: auditor })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/projects/ten/self-evaluation-draft', { token: oversight })).status).toBe(403);
    const other = await api.token({ role: 'department', department: 'education-bureau' });
    // Another department's project answers like one that does not exist.
    expect((await api.call('GET', '/api/v1/projects/ten/self-evaluation-draft', { token: other })).status).toBe(404);
    expect((await api.call('GET', '/api/v1/projects/nothing-here/self-evaluation-draft', { token: finance })).status).toBe(404);
  });

  it('refuses an override without a reason, with its rule id, and writes nothing', async () => {
    const before = await api.store.streamRevision(projectStream('ten'));
    const scores = [{ indicatorId: 'o1', points: 7 }, qualitative, ...shortfallReasons];
    const refused = await api.call('POST', '/api/v1/projects/ten/evaluations', { token: department, body: { evaluationId: 'self-x', kind: 'self', scores } });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ ruleId: 'evaluation.override-reason-required', facts: { indicatorId: 'o1' } });
    const missingReason = await api.call('POST', '/api/v1/projects/ten/evaluations', { token: department, body: { evaluationId: 'self-y', kind: 'self', scores: [qualitative] } });
    expect(missingReason.body).toMatchObject({ ruleId: 'evaluation.shortfall-reason-required', facts: { indicatorId: 'o2' } });
    const badTotal = await api.call('POST', '/api/v1/projects/ten/evaluations', { token: department, body: { evaluationId: 'self-z', kind: 'self', scores: [qualitative, ...shortfallReasons], totalScore: 84 } });
    expect(badTotal.body).toMatchObject({ ruleId: 'evaluation.total-not-sum-of-rows', facts: { sumOfRows: 83.99 } });
    expect(await api.store.streamRevision(projectStream('ten'))).toBe(before);
  });

  it('keeps an override with its reason beside the computed value, and the submitted sheet keeps every input', async () => {
    const reason = '年底前又完成 2 个点位，但质量未达标，酌情扣分';
    const scores = [{ indicatorId: 'o1', points: 7, overrideReason: reason }, qualitative, ...shortfallReasons];
    // The computed total with o9 at 2.50 is 83.99 (output 42.49); the override takes 0.14 off: 83.85.
    const accepted = await api.call('POST', '/api/v1/projects/ten/evaluations', {
      token: department,
      body: { evaluationId: 'self-1', kind: 'self', method: 'factor-analysis', scores, totalScore: 83.85 },
    });
    expect(accepted.status).toBe(200);
    // The auditor reads the submitted sheet from the history.
    const history = await api.call('GET', '/api/v1/audit/projects/ten/history', { token: auditor });
    const event = history.body.events.find((e: any) => e.type === 'EvaluationScored');
    expect(event.data).toMatchObject({ kind: 'self', totalScore: 83.85, grade: 'good', drivesResults: false, rulebook: { id: 'practice-2027', version: 1 } });
    expect(event.data.sheet.rows[0]).toMatchObject({ indicatorId: 'o1', target: 100, actual: 100, formulaId: 'higher.actual-over-target', computedPoints: 7.14, points: 7, overridden: true, overrideReason: reason });
    expect(event.data.sheet.rows[8]).toMatchObject({ indicatorId: 'o9', tier: 'partly-achieved', points: 2.5, shortfallReason: '部分验收未通过，已整改' });
    expect(event.data.sheet).toMatchObject({ outputPoints: 42.35, benefitPoints: 22.5, satisfactionPoints: 10, executionRatePoints: 9, rules: { lowerIsBetterFormula: 'lower.target-over-actual', overAchievementDeduction: 'none' } });
    expect(event.data.sheet.rows.map((r: any) => [r.indicatorId, r.actualSource, r.maxPointsExact])).toContainEqual(['o2', 'reading', '50/7']);
    // The evaluation ledger shows the override beside the computed value, with its reason.
    await api.settled();
    const listed = await api.call('GET', '/api/v1/evaluations?kind=self', { token: finance });
    expect(listed.body.items).toEqual([
      expect.objectContaining({ evaluationId: 'self-1', totalScore: 83.85, overrides: [{ indicatorId: 'o1', computedPoints: 7.14, points: 7, reason }] }),
    ]);
  });
});

describe('a five-grade rulebook 优/良/中/低/差 over HTTP, results included', () => {
  let api: RunningApi;

  afterAll(() => api?.close());

  it('grades 低 and applies the 低 policy: maintained and cut by its proportion, counted in the grade distribution', async () => {
    api = await startApi({ clock: midYear, workflow: true });
    const admin = await api.token({ role: 'admin' });
    const finance = await api.token({ role: 'finance', subject: 'finance-bureau' });
    const department = await api.token({ role: 'department', department: 'water-bureau' });
    const published = await api.call('POST', '/api/v1/admin/rulebooks', {
      token: admin,
      body: {
        rulebook: {
          ...nationalRulebook2020,
          version: 2,
          gradeBands: [
            { grade: 'excellent', min: 90 },
            { grade: 'good', min: 80 },
            { grade: 'fair', min: 70 },
            { grade: 'low', min: 60 },
            { grade: 'poor', min: 0 },
          ],
          resultPolicy: { ...nationalRulebook2020.resultPolicy, low: { decisions: ['maintain'], cutProportion: 0.2, incentiveEligible: false, accountability: false } },
        },
      },
    });
    expect(published.status).toBe(201);

    const { goals: waterGoals } = await import('../support/lifecycle-fixtures.js');
    await post(api, department, '/projects', { ...proposal('water-bureau'), projectId: 'g5' });
    await post(api, department, '/projects/g5/goals', waterGoals);
    await post(api, finance, '/projects/g5/goal-reviews', { grade: 'good' });
    await post(api, finance, '/projects/g5/admission', { decision: 'admit', reviewScore: 88 });
    await post(api, finance, '/projects/g5/allocations', { amountFen: 100_000_000 });
    await post(api, department, '/projects/g5/expenditures', { amountFen: 95_000_000, spentOn: '2026-06-30' });
    // 20 + 10 + 5 + 15 + 5.5 = 55.5, plus 9.5 for 95% executed: 65, 低 under this rulebook (中 under the national one).
    const scores = [
      { indicatorId: 'households', points: 20 },
      { indicatorId: 'unit-cost', points: 10 },
      { indicatorId: 'water-quality', points: 5 },
      { indicatorId: 'illness-drop', points: 15 },
      { indicatorId: 'satisfaction', points: 5.5 },
    ];
    await post(api, finance, '/projects/g5/evaluations', { evaluationId: 'g5-fin', kind: 'finance', scores });
    // A command answers with its events; the full view is GET /projects/:id (§6.1).
    const scored = (await api.call('GET', '/api/v1/projects/g5', { token: finance })).body;
    expect(scored.evaluations).toEqual([expect.objectContaining({ evaluationId: 'g5-fin', totalScore: 65, grade: 'low', rulebook: { id: 'national-2020', version: 2 } })]);
    await api.settled();
    // The result-application process manager follows the 低 policy.
    const auditor = await api.token({ role: 'auditor' });
    let types: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      const history = await api.call('GET', '/api/v1/audit/projects/g5/history', { token: auditor });
      types = history.body.events.map((e: any) => e.type);
      if (types.includes('BudgetCut')) {
        const cut = history.body.events.find((e: any) => e.type === 'BudgetCut');
        expect(cut.data).toMatchObject({ grade: 'low', proportion: 0.2, amountFen: 20_000_000 });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(types).toEqual(expect.arrayContaining(['EvaluationScored', 'ProjectMaintained', 'BudgetCut']));
    await api.settled();
    const distribution = await api.call('GET', `/api/v1/evaluations/grade-distribution?fiscalYear=${fiscalYear}`, { token: finance });
    expect(distribution.body.departments).toEqual([{ department: 'water-bureau', fiscalYear, grades: { excellent: 0, good: 0, fair: 0, low: 1, poor: 0 }, evaluated: 1 }]);
    expect((await api.call('GET', '/api/v1/evaluations?grade=low', { token: finance })).body.items.map((e: any) => e.evaluationId)).toEqual(['g5-fin']);
    const dashboard = await api.call('GET', `/api/v1/dashboards/departments?fiscalYear=${fiscalYear}`, { token: finance });
    expect(dashboard.body.departments[0].grades).toEqual({ excellent: 0, good: 0, fair: 0, low: 1, poor: 0 });
  });
});
