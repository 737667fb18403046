import { fairScores, goals, midYear, proposal } from '../support/lifecycle-fixtures.js';
import { startApi, type RunningApi } from '../support/api-harness.js';

describe('a project from proposal to a budget cut, only through the api', () => {
  let api: RunningApi;
  let department: string;
  let finance: string;
  let evaluator: string;
  let auditor: string;
  beforeAll(async () => {
    api = await startApi({ clock: midYear });
    department = await api.token({ role: 'department', department: 'water-bureau' });
    finance = await api.token({ role: 'finance' });
    evaluator = await api.token({ role: 'evaluator', subject: 'acme-evaluators' });
    auditor = await api.token({ role: 'auditor' });
  });
  afterAll(() => api.close());

  it('runs every stage and reads the result back', async () => {
    const proposed = await api.call('POST', '/api/v1/projects', { token: department, body: proposal('water-bureau') });
    expect(proposed.status).toBe(201);
    expect(proposed.headers.get('etag')).toBe('"0"');
    expect(proposed.body).toEqual({
      projectId: expect.any(String),
      revision: 0,
      events: [{ type: 'ProjectProposed', data: expect.objectContaining({ department: 'water-bureau', requestedFen: 100_000_000 }) }],
    });
    const location = proposed.headers.get('location')!;
    expect(location).toBe(`/api/v1/projects/${proposed.body.projectId}`);
    const project = location.replace('/api/v1', '');

    // A command answers { projectId, revision, events }; the whole project is at GET /projects/:id.
    const step = async (token: string, path: string, body: unknown, stage: string) => {
      const response = await api.call('POST', `/api/v1${project}${path}`, { token, body });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.body).toEqual({ projectId: proposed.body.projectId, revision: expect.any(Number), events: expect.any(Array) });
      expect(response.headers.get('etag')).toBe(`"${response.body.revision}"`);
      const read = await api.call('GET', `/api/v1${project}`, { token: auditor });
      expect({ path, stage: read.body.stage, revision: read.body.revision }).toEqual({ path, stage, revision: response.body.revision });
      return { ...read.body, answer: response.body };
    };
    await step(department, '/goals', goals, 'goals-submitted');
    await step(finance, '/goal-reviews', { grade: 'good' }, 'goals-approved');
    await step(finance, '/admission', { decision: 'admit', reviewScore: 88 }, 'admitted');
    await step(finance, '/allocations', { amountFen: 90_000_000, documentNo: '渝财预〔2026〕12号' }, 'executing');
    await step(finance, '/budget-adjustments', { newBudgetFen: 80_000_000, reason: '中期调减' }, 'executing');
    await step(department, '/expenditures', { amountFen: 40_000_000, spentOn: '2026-06-30' }, 'executing');
    await step(department, '/readings', { indicatorId: 'households', period: '2026-06', value: 560, unit: '户' }, 'executing');
    await step(finance, '/indicators/satisfaction/target-adjustments', { adjustedTarget: 85, reason: '调查口径变化' }, 'executing');
    await step(finance, '/evaluation-assignments', { evaluatorId: 'acme-evaluators', evaluatorKind: 'third-party' }, 'executing');
    const scored = await step(evaluator, '/evaluations', { evaluationId: 'eval-2026', kind: 'third-party', method: 'factor-analysis', scores: fairScores, executionRateReason: '项目仍在实施' }, 'evaluated');
    const evaluation = scored.evaluations.find((e: { evaluationId: string }) => e.evaluationId === 'eval-2026');
    expect(evaluation.grade).toBe('fair');
    const cut = await step(finance, '/budget-cuts', { cutId: 'cut-1', evaluationId: 'eval-2026' }, 'evaluated');
    expect(cut.answer.events).toEqual([{ type: 'BudgetCut', data: expect.objectContaining({ cutId: 'cut-1' }) }]);
    expect(cut.cuts).toEqual([expect.objectContaining({ cutId: 'cut-1', cause: { kind: 'evaluation', evaluationId: 'eval-2026' } })]);
    expect(cut.cuts[0].amountFen).toBeGreaterThan(0);

    const read = await api.call('GET', `/api/v1${project}`, { token: auditor });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(`"${cut.revision}"`);
    expect(read.body).toMatchObject({ stage: 'evaluated', department: 'water-bureau', allocatedFen: 90_000_000, adjustedBudgetFen: 80_000_000, spentFen: 40_000_000 });
    const satisfaction = read.body.indicators.find((i: { indicatorId: string }) => i.indicatorId === 'satisfaction');
    expect(satisfaction).toMatchObject({ startOfYearTarget: 90, adjustedTarget: 85 });

    // The stream holds exactly the events the api accepted, each with its request metadata.
    const events = [];
    for await (const event of api.store.readStream(`project-${proposed.body.projectId}`)) events.push(event);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining([
      'ProjectProposed', 'PerformanceGoalSet', 'GoalsReviewed', 'ProjectAdmitted', 'BudgetAllocated', 'BudgetAdjusted',
      'ExpenditureRecorded', 'MonitoringReadingRecorded', 'TargetAdjusted', 'EvaluatorAssigned', 'EvaluationScored', 'BudgetCut',
    ]));
    expect(events).toHaveLength(cut.revision + 1);
    expect(events.at(-1)!.metadata).toMatchObject({
      actor: { role: 'finance' },
      commandType: 'CutBudget',
      occurredAt: midYear().toISOString(),
      correlationId: expect.any(String),
      commandId: expect.any(String),
    });
  });
});
