import { projectStream } from '@jixiao/domain';
import { WorkflowHost } from '../../apps/api/src/workflow/workflow-host.js';
import { startApi, type ApiResponse, type RunningApi } from '../support/api-harness.js';
import { fairScores, goals, goodScores, mediumTermGoals, nextYear, proposal } from '../support/lifecycle-fixtures.js';

/*
 * A continuing project 延续性项目 of the water bureau lives three fiscal years in one stream,
 * over HTTP, under the default rulebook (practice-2027: 财预〔2020〕10号's result policy as
 * data) with the workflow running in the api:
 *
 *   2026  allocated 90,000,000 fen; all spent; graded 中 (58 + 10 execution points = 68): the
 *         workflow orders rectification; finance reduces 核减 and cuts 10% = 9,000,000; the
 *         department reports the rectification and finance verifies it.
 *   2027  requested 100,000,000; the cap is 90,000,000 − 9,000,000 = 81,000,000: 100,000,000
 *         is refused without a reason, 81,000,000 is allocated and applies cut-2026; all
 *         spent; graded 优 (89.99 + 10 = 99.99); finance prioritises 优先保障.
 *   2028  requested 95,000,000 and allocated above the 81,000,000 cap, the reason recorded
 *         as an exception; at mid-life of its 2026–2030 period the workflow orders the
 *         mid-term evaluation 中期评价.
 *
 * Beside it, on the same clock: a project whose rectification is overdue when its next year
 * is allocated (refused), and one cancelled after a 差 that asks for another year (refused).
 */

const department = 'water-bureau';
const reason = '2027 年评价为优，优先保障';
/** Full points on every indicator: 89.99, with execution 10 → 99.99, 优. */
const excellentScores = goodScores;

describe('a project across three fiscal years: each result applied to the next year’s budget', () => {
  let api: RunningApi;
  let now = Date.parse('2026-01-10T08:00:00Z');
  /** Moves the clock on, and lets the workflow fire the timers due by then (as time passing would) before anything else happens. */
  const at = async (instant: string) => {
    now = Date.parse(instant);
    if (api) await idle();
  };
  let water: string;
  let finance: string;
  let auditor: string;
  /** Answers and instants the assertions read, gathered while the years run. */
  const seen: Record<string, ApiResponse> = {};
  let inYear2027 = '';

  const idle = () => api.app.get(WorkflowHost).engine!.whenIdle();
  const revisionOf = async (projectId: string) => api.store.streamRevision(projectStream(projectId));

  /** A command that must succeed (the problem is shown when it does not), once the workflow has reacted to it. */
  async function ok(token: string, path: string, body: unknown): Promise<ApiResponse> {
    const response = await api.call('POST', `/api/v1/projects/${path}`, { token, body });
    expect({ path, status: response.status, problem: response.status === 200 ? undefined : response.body }).toEqual({ path, status: 200, problem: undefined });
    await idle();
    return response;
  }

  /** A command that must be refused with `status` and `ruleId` as problem+json, writing nothing anywhere. */
  async function refused(token: string, path: string, body: unknown, status: number, ruleId: string): Promise<ApiResponse> {
    await idle();
    const projectId = path.split('/')[0]!;
    const [revision, head] = [await revisionOf(projectId), await api.store.headPosition()];
    const response = await api.call('POST', `/api/v1/projects/${path}`, { token, body });
    expect({ status: response.status, contentType: response.headers.get('content-type'), ruleId: response.body.ruleId }).toEqual({
      status,
      contentType: expect.stringMatching(/^application\/problem\+json/),
      ruleId,
    });
    await idle();
    expect([await revisionOf(projectId), await api.store.headPosition()]).toEqual([revision, head]);
    return response;
  }

  /** The derived id of the rectification the workflow ordered for a project's evaluation. */
  async function orderedRectification(projectId: string): Promise<string> {
    const project = await api.call('GET', `/api/v1/projects/${projectId}`, { token: finance });
    expect(project.body.rectifications).toHaveLength(1);
    return project.body.rectifications[0].rectificationId as string;
  }

  beforeAll(async () => {
    const clock = () => new Date(now);
    api = await startApi({
      clock,
      storeClock: clock,
      workflow: true,
      // The clock runs two and a half years, past the default token lifetimes.
      env: { JIXIAO_TOKEN_LIFETIME_DAYS: 'department=1000,finance=1000,auditor=1000' },
    });
    water = await api.token({ role: 'department', department });
    finance = await api.token({ role: 'finance', subject: 'finance-bureau' });
    auditor = await api.token({ role: 'auditor' });

    // ── 2026 ──────────────────────────────────────────────────────────────────
    const projects = ['c1', 'overdue', 'cancelled'];
    await at('2026-01-10T08:00:00Z');
    for (const projectId of projects) {
      const proposed = await api.call('POST', '/api/v1/projects', { token: water, body: { ...proposal(department), projectId } });
      expect(proposed.status).toBe(201);
      await ok(water, `${projectId}/goals`, goals);
      await ok(finance, `${projectId}/goal-reviews`, { grade: 'good' });
      await ok(finance, `${projectId}/admission`, { decision: 'admit', reviewScore: 88 });
    }
    await ok(water, 'c1/medium-term-goals', mediumTermGoals);
    await at('2026-02-01T08:00:00Z');
    for (const projectId of projects) await ok(finance, `${projectId}/allocations`, { amountFen: 90_000_000, documentNo: '渝财预〔2026〕12号' });
    // The end of June passes with nothing spent (the budget light turns red); the money goes out in November.
    await at('2026-07-01T08:00:00Z');
    await at('2026-11-30T08:00:00Z');
    // Nothing spent, the cancelled project's fair-looking scores grade 差.
    for (const projectId of ['c1', 'overdue']) await ok(water, `${projectId}/expenditures`, { amountFen: 90_000_000, spentOn: '2026-11-30' });

    await at('2026-12-20T08:00:00Z');
    seen['scored-2026'] = await ok(finance, 'c1/evaluations', { evaluationId: 'eval-2026', kind: 'finance', method: 'factor-analysis', scores: fairScores });
    for (const projectId of ['overdue', 'cancelled']) {
      await ok(finance, `${projectId}/evaluations`, { evaluationId: `eval-${projectId}`, kind: 'finance', method: 'factor-analysis', scores: fairScores, executionRateReason: '项目仍在实施' });
    }
    await idle();
    seen['c1-after-2026-grade'] = await api.call('GET', '/api/v1/projects/c1', { token: finance });

    await at('2026-12-21T08:00:00Z');
    seen['reduced'] = await ok(finance, 'c1/result-decisions', { evaluationId: 'eval-2026', decision: 'reduce', note: '核减后继续安排' });
    seen['cut'] = await ok(finance, 'c1/budget-cuts', { cutId: 'cut-2026', evaluationId: 'eval-2026' });
    await ok(finance, 'overdue/result-decisions', { evaluationId: 'eval-overdue', decision: 'maintain' });
    await ok(finance, 'cancelled/result-decisions', { evaluationId: 'eval-cancelled', decision: 'cancel' });
    seen['wrong-year'] = await refused(water, 'c1/cycles', nextYear(2028), 422, 'cycle.not-next-year');
    seen['cancelled-opens'] = await refused(water, 'cancelled/cycles', nextYear(2027), 422, 'cycle.project-cancelled');

    await at('2027-01-05T08:00:00Z');
    const rid = await orderedRectification('c1');
    await ok(water, `c1/rectifications/${encodeURIComponent(rid)}/report`, { report: '已完善管护制度，补齐水质检测' });
    await ok(finance, `c1/rectifications/${encodeURIComponent(rid)}/verification`, { passed: true });

    // ── 2027 ──────────────────────────────────────────────────────────────────
    await at('2027-01-10T08:00:00Z');
    seen['opened-2027'] = await ok(water, 'c1/cycles', nextYear(2027, 100_000_000));
    await ok(finance, 'c1/goal-reviews', { grade: 'good' });
    await ok(finance, 'c1/admission', { decision: 'admit', reviewScore: 90 });
    await ok(water, 'overdue/cycles', nextYear(2027, 90_000_000));
    await ok(finance, 'overdue/goal-reviews', { grade: 'good' });
    await ok(finance, 'overdue/admission', { decision: 'admit', reviewScore: 85 });

    await at('2027-02-01T08:00:00Z');
    seen['above-cap'] = await refused(finance, 'c1/allocations', { amountFen: 100_000_000 }, 422, 'allocation.above-cut-cap-needs-reason');
    seen['allocated-2027'] = await ok(finance, 'c1/allocations', { amountFen: 81_000_000, documentNo: '渝财预〔2027〕3号' });

    // Past the deadline of the overdue project's rectification (60 days from 2026-12-20), never reported.
    await at('2027-02-20T08:00:00Z');
    await idle();
    seen['overdue-allocation'] = await refused(finance, 'overdue/allocations', { amountFen: 80_000_000 }, 422, 'allocation.rectification-overdue');

    await at('2027-06-01T08:00:00Z');
    inYear2027 = new Date(now).toISOString();
    await at('2027-07-01T08:00:00Z');
    await at('2027-11-30T08:00:00Z');
    await ok(water, 'c1/expenditures', { amountFen: 81_000_000, spentOn: '2027-11-30' });
    await at('2027-12-20T08:00:00Z');
    seen['scored-2027'] = await ok(finance, 'c1/evaluations', { evaluationId: 'eval-2027', kind: 'finance', method: 'factor-analysis', scores: excellentScores });
    await ok(finance, 'c1/result-decisions', { evaluationId: 'eval-2027', decision: 'prioritise', note: '予以支持' });
    seen['incentive-2027'] = await ok(finance, 'c1/incentives', { incentiveId: 'inc-2027', evaluationId: 'eval-2027', measure: '下年度预算优先保障' });

    // ── 2028 ──────────────────────────────────────────────────────────────────
    await at('2028-01-10T08:00:00Z');
    await ok(water, 'c1/cycles', nextYear(2028, 95_000_000));
    await ok(finance, 'c1/goal-reviews', { grade: 'excellent' });
    await ok(finance, 'c1/admission', { decision: 'admit', reviewScore: 95 });
    await at('2028-02-01T08:00:00Z');
    seen['allocated-2028'] = await ok(finance, 'c1/allocations', { amountFen: 95_000_000, capExceptionReason: reason });
    // Mid-life of 2026–2030 is 2028-07-02: the workflow's timer orders the mid-term evaluation.
    await at('2028-07-03T08:00:00Z');
    await idle();
    await idle();
  }, 120_000);
  afterAll(() => api?.close());

  describe('2026: graded 中, rectification ordered by the workflow, reduced and cut by finance', () => {
    it('grades the year 中 and the workflow orders rectification only (nothing applied automatically)', () => {
      expect(seen['scored-2026']!.status).toBe(200);
      expect(seen['scored-2026']!.body.events[0].data).toMatchObject({ grade: 'fair', totalScore: 68, rulebook: { id: 'practice-2027', version: 1 } });
      expect(seen['c1-after-2026-grade']!.body).toMatchObject({ stage: 'evaluated', result: null, cuts: [], rectifications: [{ status: 'ordered', evaluationId: 'eval-2026' }] });
    });

    it('finance reduces and cuts 10% of the budget in force, in fen', () => {
      expect(seen['reduced']!.status).toBe(200);
      expect(seen['reduced']!.body.events.map((e: { type: string }) => e.type)).toEqual(['ProjectReduced']);
      expect(seen['cut']!.status).toBe(200);
      expect(seen['cut']!.body.events[0]).toMatchObject({ type: 'BudgetCut', data: { cutId: 'cut-2026', baseFen: 90_000_000, proportion: 0.1, amountFen: 9_000_000 } });
    });

    it('refuses a next year other than 2027 and a cancelled project’s next year, with the rule id, writing nothing', () => {
      expect(seen['wrong-year']!.body).toMatchObject({ status: 422, facts: { currentFiscalYear: 2026, fiscalYear: 2028 } });
      expect(seen['cancelled-opens']!.body).toMatchObject({ status: 422, facts: { evaluationId: 'eval-cancelled' } });
    });
  });

  it('2027: graded 优, finance grants an incentive 激励 itself (practice-2027 applies nothing automatically)', () => {
    expect(seen['incentive-2027']!.body.events).toEqual([
      { type: 'IncentiveGranted', data: expect.objectContaining({ incentiveId: 'inc-2027', evaluationId: 'eval-2027', grade: 'excellent', rulebook: { id: 'practice-2027', version: 1 } }) },
    ]);
  });

  describe('2027: opened, the cut applied by the allocation', () => {
    it('opens the year with what 2026 handed on: the result, the cut, the cap', () => {
      expect(seen['opened-2027']!.status).toBe(200);
      expect(seen['opened-2027']!.body.events).toEqual([
        expect.objectContaining({
          type: 'CycleOpened',
          data: expect.objectContaining({
            fiscalYear: 2027,
            requestedFen: 100_000_000,
            carriedOver: {
              fromFiscalYear: 2026,
              resultDecision: 'reduce',
              resultEvaluationId: 'eval-2026',
              adjustedBudgetFen: 90_000_000,
              cuts: [{ cutId: 'cut-2026', amountFen: 9_000_000 }],
              cutTotalFen: 9_000_000,
              capFen: 81_000_000,
              openRectificationIds: [],
            },
          }),
        }),
      ]);
    });

    it('refuses 100,000,000 above the 81,000,000 cap without a reason, then allocates at the cap and applies cut-2026', () => {
      expect(seen['above-cap']!.body).toMatchObject({ status: 422, ruleId: 'allocation.above-cut-cap-needs-reason', facts: expect.objectContaining({ capFen: 81_000_000 }) });
      expect(seen['allocated-2027']!.status).toBe(200);
      expect(seen['allocated-2027']!.body.events.map((e: { type: string; data: unknown }) => [e.type, e.data])).toEqual([
        ['BudgetAllocated', expect.objectContaining({ amountFen: 81_000_000, requestedFen: 100_000_000 })],
        [
          'PriorCutsApplied',
          {
            fiscalYear: 2027,
            fromFiscalYear: 2026,
            cutIds: ['cut-2026'],
            cutTotalFen: 9_000_000,
            capFen: 81_000_000,
            allocatedFen: 81_000_000,
            exceptionReason: null,
            appliedAt: '2027-02-01T08:00:00.000Z',
          },
        ],
      ]);
    });

    it('refuses the allocation of a project whose rectification is overdue and unverified, writing nothing', () => {
      expect(seen['overdue-allocation']!.body).toMatchObject({ status: 422, ruleId: 'allocation.rectification-overdue' });
    });

    it('grades 2027 优', () => {
      expect(seen['scored-2027']!.body.events[0].data).toMatchObject({ grade: 'excellent', totalScore: 99.99 });
    });
  });

  describe('2028: the prioritised project allocated above the cap with its reason', () => {
    it('records the exception beside the allocation', () => {
      expect(seen['allocated-2028']!.status).toBe(200);
      expect(seen['allocated-2028']!.body.events[1]).toMatchObject({
        type: 'PriorCutsApplied',
        data: { fiscalYear: 2028, fromFiscalYear: 2027, cutIds: [], cutTotalFen: 0, capFen: 81_000_000, allocatedFen: 95_000_000, exceptionReason: reason },
      });
    });
  });

  it('GET /projects/c1 shows three cycles with their figures in fen, the medium-term goals and the mid-term order', async () => {
    const { status, body } = await api.call('GET', '/api/v1/projects/c1', { token: finance });
    expect(status).toBe(200);
    const cycles = [...body.previousCycles, body].map((c: any) => ({
      fiscalYear: c.fiscalYear,
      requestedFen: c.requestedFen,
      allocatedFen: c.allocatedFen,
      spentFen: c.spentFen,
      grade: c.evaluations[0]?.grade ?? null,
      result: c.result?.decision ?? null,
      cuts: c.cuts.map((x: any) => [x.cutId, x.amountFen]),
      capFen: c.carriedOver?.capFen ?? null,
      cutsApplied: c.cutsApplied && [c.cutsApplied.cutIds, c.cutsApplied.allocatedFen, c.cutsApplied.exceptionReason],
    }));
    expect(cycles).toEqual([
      { fiscalYear: 2026, requestedFen: 100_000_000, allocatedFen: 90_000_000, spentFen: 90_000_000, grade: 'fair', result: 'reduce', cuts: [['cut-2026', 9_000_000]], capFen: null, cutsApplied: null },
      { fiscalYear: 2027, requestedFen: 100_000_000, allocatedFen: 81_000_000, spentFen: 81_000_000, grade: 'excellent', result: 'prioritise', cuts: [], capFen: 81_000_000, cutsApplied: [['cut-2026'], 81_000_000, null] },
      { fiscalYear: 2028, requestedFen: 95_000_000, allocatedFen: 95_000_000, spentFen: 0, grade: null, result: null, cuts: [], capFen: 81_000_000, cutsApplied: [[], 95_000_000, reason] },
    ]);
    expect(body.stage).toBe('executing');
    expect(body.previousCycles[0].rectifications).toEqual([expect.objectContaining({ evaluationId: 'eval-2026', status: 'verified' })]);
    expect(body.mediumTermGoals).toEqual(mediumTermGoals);
    expect(body.midTermEvaluation).toMatchObject({ midLifeAt: '2028-07-02T00:00:00.000Z', fiscalYear: 2028 });
    expect(Date.parse(body.midTermEvaluation.orderedAt)).toBeGreaterThanOrEqual(Date.parse('2028-07-02T00:00:00.000Z'));
  });

  describe('history across the whole life, and scoped to one year', () => {
    let life: any[];
    beforeAll(async () => {
      const response = await api.call('GET', '/api/v1/audit/projects/c1/history?limit=1000', { token: auditor });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ projectId: 'c1', fiscalYear: null, nextRevision: null });
      life = response.body.events;
    });

    it('gives every event of the three years its fiscal year, as recorded in its metadata', () => {
      expect(life.map((e) => e.revision)).toEqual(life.map((_e, i) => i));
      expect([...new Set(life.map((e) => e.fiscalYear))]).toEqual([2026, 2027, 2028]);
      for (const e of life) expect(e.metadata.fiscalYear).toBe(e.fiscalYear);
      const opened = life.filter((e) => e.type === 'CycleOpened').map((e) => [e.fiscalYear, e.data.fiscalYear]);
      expect(opened).toEqual([
        [2027, 2027],
        [2028, 2028],
      ]);
    });

    it.each([2026, 2027, 2028])('?fiscalYear=%i answers that year’s events only, in stream order', async (year) => {
      const { status, body } = await api.call('GET', `/api/v1/audit/projects/c1/history?fiscalYear=${year}&limit=1000`, { token: auditor });
      expect(status).toBe(200);
      expect(body.fiscalYear).toBe(year);
      expect(body.events.map((e: any) => e.id)).toEqual(life.filter((e) => e.fiscalYear === year).map((e) => e.id));
      expect(body.events.length).toBeGreaterThan(0);
      expect(body.nextRevision).toBeNull();
    });

    it('a year’s events hold what that year did', async () => {
      const types = (year: number) => life.filter((e) => e.fiscalYear === year).map((e) => e.type);
      expect(types(2026)).toEqual(expect.arrayContaining(['ProjectProposed', 'MediumTermGoalsSet', 'BudgetAllocated', 'EvaluationScored', 'RectificationOrdered', 'ProjectReduced', 'BudgetCut', 'RectificationVerified']));
      expect(types(2027)[0]).toBe('CycleOpened');
      expect(types(2027)).toEqual(expect.arrayContaining(['BudgetAllocated', 'PriorCutsApplied', 'EvaluationScored', 'ProjectPrioritised']));
      expect(types(2027)).not.toContain('BudgetCut');
      expect(types(2028)[0]).toBe('CycleOpened');
      expect(types(2028)).toEqual(expect.arrayContaining(['PriorCutsApplied', 'MidTermEvaluationOrdered']));
    });

    it('pages through one year: nextRevision is that year’s next event', async () => {
      const ids: string[] = [];
      let from: number | null = 0;
      let pages = 0;
      while (from !== null) {
        const page: ApiResponse = await api.call('GET', `/api/v1/audit/projects/c1/history?fiscalYear=2027&limit=3&fromRevision=${from}`, { token: auditor });
        expect(page.body.events.length).toBeLessThanOrEqual(3);
        ids.push(...page.body.events.map((e: any) => e.id));
        if (page.body.nextRevision !== null) expect(life[page.body.nextRevision].fiscalYear).toBe(2027);
        from = page.body.nextRevision;
        pages++;
      }
      const year = life.filter((e) => e.fiscalYear === 2027);
      expect(ids).toEqual(year.map((e) => e.id));
      expect(pages).toBe(Math.ceil(year.length / 3));
    });

    it('a year the project never lived has no events', async () => {
      const { status, body } = await api.call('GET', '/api/v1/audit/projects/c1/history?fiscalYear=2031', { token: auditor });
      expect({ status, events: body.events, nextRevision: body.nextRevision }).toEqual({ status: 200, events: [], nextRevision: null });
    });
  });

  describe('state as of a time or a revision', () => {
    it('as of a time in 2027 shows 2027’s state, with 2026 as the cycle before', async () => {
      const { status, body } = await api.call('GET', `/api/v1/audit/projects/c1/state?asOf=${inYear2027}`, { token: auditor });
      expect(status).toBe(200);
      expect(body.state).toMatchObject({ fiscalYear: 2027, stage: 'executing', allocatedFen: 81_000_000, evaluations: [], result: null });
      expect(body.state.cutsApplied).toMatchObject({ cutIds: ['cut-2026'], capFen: 81_000_000, allocatedFen: 81_000_000 });
      expect(body.state.previousCycles.map((c: any) => c.fiscalYear)).toEqual([2026]);
      expect(body.cycle).toBeUndefined();
    });

    it('with ?fiscalYear= answers that year’s cycle as it then stood', async () => {
      const y2026 = await api.call('GET', `/api/v1/audit/projects/c1/state?asOf=${inYear2027}&fiscalYear=2026`, { token: auditor });
      expect(y2026.status).toBe(200);
      expect(y2026.body).toMatchObject({ fiscalYear: 2026, state: { fiscalYear: 2027 } });
      expect(y2026.body.cycle).toMatchObject({ fiscalYear: 2026, stage: 'results', allocatedFen: 90_000_000, result: { decision: 'reduce' }, cuts: [{ cutId: 'cut-2026', amountFen: 9_000_000 }] });
      const y2027 = await api.call('GET', `/api/v1/audit/projects/c1/state?asOf=${inYear2027}&fiscalYear=2027`, { token: auditor });
      expect(y2027.body.cycle).toMatchObject({ fiscalYear: 2027, allocatedFen: 81_000_000, carriedOver: { capFen: 81_000_000 } });
    });

    it('as of the revision of the 2027 allocation, and refuses a year not reached by then (404 problem+json)', async () => {
      const history = (await api.call('GET', '/api/v1/audit/projects/c1/history?fiscalYear=2027&limit=1000', { token: auditor })).body.events;
      const revision = history.find((e: any) => e.type === 'PriorCutsApplied').revision;
      const asOf = await api.call('GET', `/api/v1/audit/projects/c1/state?revision=${revision}&fiscalYear=2027`, { token: auditor });
      expect(asOf.body).toMatchObject({ asOfRevision: revision, revision, state: { fiscalYear: 2027 }, cycle: { cutsApplied: { allocatedFen: 81_000_000 } } });
      const notYet = await api.call('GET', `/api/v1/audit/projects/c1/state?revision=${revision}&fiscalYear=2028`, { token: auditor });
      expect({ status: notYet.status, contentType: notYet.headers.get('content-type') }).toEqual({ status: 404, contentType: expect.stringMatching(/^application\/problem\+json/) });
      expect(notYet.body).toMatchObject({ type: expect.stringMatching(/\/fiscal-year-not-found$/), fiscalYears: [2026, 2027] });
    });
  });

  describe('what-if over the whole life and for one year', () => {
    const whatIf = (query: string) => api.call('GET', `/api/v1/audit/what-if?project=c1&${query}`, { token: auditor });

    it('under the rulebook in force (practice-2027 v1) the three years replay identically, whole and year by year', async () => {
      const life = await whatIf('rulebookId=practice-2027&rulebookVersion=1');
      expect(life.status).toBe(200);
      expect(life.body).toMatchObject({ projectId: 'c1', rulebook: { id: 'practice-2027', version: 1 }, identical: true });
      for (const year of [2026, 2027, 2028]) {
        const scoped = await whatIf(`rulebookId=practice-2027&rulebookVersion=1&fiscalYear=${year}`);
        expect({ year, status: scoped.status, fiscalYear: scoped.body.fiscalYear, identical: scoped.body.identical }).toEqual({ year, status: 200, fiscalYear: year, identical: true });
      }
    });

    it('under practice-2026 (automatic: 中 maintained) the 2026 result differs, and only in 2026', async () => {
      const keys = (body: any) => body.results.map((d: { key: string }) => d.key);
      const life = await whatIf('rulebookId=practice-2026&rulebookVersion=1');
      expect(life.status).toBe(200);
      expect(keys(life.body)).toEqual(['eval-2026']);
      expect(keys((await whatIf('rulebookId=practice-2026&rulebookVersion=1&fiscalYear=2026')).body)).toEqual(['eval-2026']);
      expect(keys((await whatIf('rulebookId=practice-2026&rulebookVersion=1&fiscalYear=2027')).body)).toEqual([]);
    });

    it('a department’s what-if for one year covers the projects that lived it', async () => {
      const response = await api.call('GET', `/api/v1/audit/what-if?department=${department}&rulebookId=practice-2026&rulebookVersion=1&fiscalYear=2027`, { token: auditor });
      expect(response.status).toBe(200);
      // The cancelled project never reached 2027.
      expect(response.body).toMatchObject({ department, fiscalYear: 2027, projects: 2 });
    });

    it('refuses a year the project did not live (404 problem+json), writing nothing', async () => {
      const head = await api.store.headPosition();
      const response = await whatIf('rulebookId=practice-2027&rulebookVersion=1&fiscalYear=2025');
      expect({ status: response.status, type: response.body.type }).toEqual({ status: 404, type: expect.stringMatching(/\/fiscal-year-not-found$/) });
      expect(await api.store.headPosition()).toBe(head);
    });
  });
});
