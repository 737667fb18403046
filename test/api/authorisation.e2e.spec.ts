import { randomUUID } from 'node:crypto';
import { nationalRulebook2020 } from '@jixiao/domain';
import { cosignCheckpoint, generateSigningKey, parseCheckpoint } from '@jixiao/transparency';
import { startApi, type ApiResponse, type RunningApi } from '../support/api-harness.js';
import { fairScores, goals, goodScores, mediumTermGoals, midYear, nextYear, proposal, selfSheetScores } from '../support/lifecycle-fixtures.js';
import { decideAndAppend } from '../support/read-model-scenario.js';

/*
 * The authorisation matrix: every endpoint × every role, plus the scope cases
 * (another department, an evaluator not assigned). The allowed roles below are
 * written from the issue's role table, not read from the route decorators:
 *
 *   department  its own department's projects: proposes, sets goals and medium-term goals,
 *               spends, reports readings, explains deviations, self-evaluates, reports
 *               rectification, adjusts its own targets mid-year, requests the next fiscal
 *               year (cycles), reads its projects
 *   finance     the finance commands: reviews goals, admits, allocates and adjusts the
 *               budget, adjusts targets, assigns evaluators, evaluates, decides the result
 *               application, cuts the budget, orders and verifies rectification, closes;
 *               reads every project
 *   (system)    the workflow alone orders the mid-term evaluation (OrderMidTermEvaluation):
 *               no route, so no role here
 *   evaluator   only projects assigned to it: scores them (third party) and reads them
 *   auditor     reads; no writes; the audit routes (history, state as of, verification,
 *               export) are the auditor's alone
 *   oversight   reads; no writes
 *   operator    health details and metrics (tested in health.e2e.spec.ts); nothing here
 *   admin       tokens and rulebooks, nothing else
 *
 * Scope: a department token of another department, or an evaluator the project is not
 * assigned to, gets on a project's route exactly the answer a project that does not exist
 * gets (If-Match and Idempotency-Key included), so neither existence nor revision leaks.
 */

type Role = 'department' | 'finance' | 'evaluator' | 'auditor' | 'oversight' | 'operator' | 'admin';
const everyRole: readonly Role[] = ['department', 'finance', 'evaluator', 'auditor', 'oversight', 'operator', 'admin'];

/** What the target project must have gone through for an allowed call to succeed. */
type Setup =
  | 'no-project'
  | 'proposed'
  | 'goals-submitted'
  | 'goals-approved'
  | 'admitted'
  | 'executing'
  | 'deviation-flagged'
  | 'evaluated'
  | 'result-applied'
  | 'rewarded'
  | 'rectification-ordered'
  | 'rectification-reported';

interface Endpoint {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path under /api/v1; :id is the project, :indicatorId, :deviationId and :rid name parts of it. */
  readonly path: string;
  readonly allowed: readonly Role[];
  readonly setup: Setup;
  /** A valid body for the role making the call (evaluation kinds depend on the role). */
  readonly body?: (role: Role) => unknown;
  /** The success status of an allowed call. */
  readonly ok: number;
  /** Query string of a read across projects; it names the department, so another department is refused. */
  readonly query?: string;
  /** Served from a read model: wait until the projections have caught up with the setup. */
  readonly readModel?: boolean;
  /** About the caller only (GET /me): no project or department, so the scope cases do not apply. */
  readonly unscoped?: boolean;
}

const department = 'water-bureau';
const otherDepartment = 'education-bureau';
const assignedEvaluator = 'acme-evaluators';
const executionRateReason = '项目仍在实施';
const evaluationKindFor: Partial<Record<Role, string>> = { department: 'self', finance: 'finance', evaluator: 'third-party' };
const reader: readonly Role[] = ['department', 'finance', 'evaluator', 'auditor', 'oversight'];
/** Reads across projects: oversight, auditors and finance see all, a department its own; evaluators none. */
const listReader: readonly Role[] = ['department', 'finance', 'auditor', 'oversight'];
const ownDepartment = `?department=${department}`;
const ownDepartmentYear = `?fiscalYear=2026&department=${department}`;

const endpoints: readonly Endpoint[] = [
  { method: 'POST', path: '/projects', allowed: ['department'], setup: 'no-project', ok: 201, body: () => proposal(department) },
  { method: 'POST', path: '/projects/:id/goals', allowed: ['department'], setup: 'proposed', ok: 200, body: () => goals },
  { method: 'POST', path: '/projects/:id/goal-reviews', allowed: ['finance'], setup: 'goals-submitted', ok: 200, body: () => ({ grade: 'good' }) },
  {
    method: 'POST', path: '/projects/:id/indicators/:indicatorId/target-adjustments', allowed: ['department', 'finance'], setup: 'executing', ok: 200,
    body: () => ({ adjustedTarget: 85, reason: '调查口径变化' }),
  },
  { method: 'POST', path: '/projects/:id/admission', allowed: ['finance'], setup: 'goals-approved', ok: 200, body: () => ({ decision: 'admit', reviewScore: 88 }) },
  {
    method: 'POST', path: '/projects/:id/allocations', allowed: ['finance'], setup: 'admitted', ok: 200,
    body: () => ({ amountFen: 90_000_000, documentNo: '渝财预〔2026〕12号' }),
  },
  { method: 'POST', path: '/projects/:id/budget-adjustments', allowed: ['finance'], setup: 'executing', ok: 200, body: () => ({ newBudgetFen: 80_000_000, reason: '中期调减' }) },
  { method: 'POST', path: '/projects/:id/expenditures', allowed: ['department'], setup: 'executing', ok: 200, body: () => ({ amountFen: 40_000_000, spentOn: '2026-06-30' }) },
  {
    method: 'POST', path: '/projects/:id/readings', allowed: ['department'], setup: 'executing', ok: 200,
    body: () => ({ indicatorId: 'households', period: '2026-06', value: 560, unit: '户' }),
  },
  {
    method: 'POST', path: '/projects/:id/deviations/:deviationId/explanation', allowed: ['department'], setup: 'deviation-flagged', ok: 200,
    body: () => ({ cause: 'funding', measures: '加快拨付进度', likelihood: 'possible' }),
  },
  {
    method: 'POST', path: '/projects/:id/evaluation-assignments', allowed: ['finance'], setup: 'executing', ok: 200,
    body: () => ({ evaluatorId: 'another-evaluator', evaluatorKind: 'third-party' }),
  },
  {
    method: 'POST', path: '/projects/:id/evaluations', allowed: ['department', 'finance', 'evaluator'], setup: 'executing', ok: 200,
    body: (role) => ({ kind: evaluationKindFor[role] ?? 'finance', method: 'factor-analysis', scores: role === 'department' ? selfSheetScores() : fairScores, executionRateReason }),
  },
  { method: 'POST', path: '/projects/:id/medium-term-goals', allowed: ['department'], setup: 'proposed', ok: 200, body: () => mediumTermGoals },
  // Nothing spent by mid-year: the fair-looking scores grade 差, which allows reduce under the default rulebook.
  { method: 'POST', path: '/projects/:id/result-decisions', allowed: ['finance'], setup: 'evaluated', ok: 200, body: () => ({ evaluationId: 'eval-1', decision: 'reduce' }) },
  { method: 'POST', path: '/projects/:id/cycles', allowed: ['department'], setup: 'result-applied', ok: 200, body: () => nextYear(2027) },
  { method: 'POST', path: '/projects/:id/incentives', allowed: ['finance'], setup: 'rewarded', ok: 200, body: () => ({ evaluationId: 'eval-1', measure: '下年度预算优先保障' }) },
  { method: 'POST', path: '/projects/:id/budget-cuts', allowed: ['finance'], setup: 'evaluated', ok: 200, body: () => ({ evaluationId: 'eval-1' }) },
  {
    method: 'POST', path: '/projects/:id/rectifications', allowed: ['finance'], setup: 'evaluated', ok: 200,
    body: () => ({ rectificationId: 'rect-2', issues: '绩效目标完成不足', evaluationId: 'eval-1' }),
  },
  { method: 'POST', path: '/projects/:id/rectifications/:rid/report', allowed: ['department'], setup: 'rectification-ordered', ok: 200, body: () => ({ report: '已完成整改' }) },
  { method: 'POST', path: '/projects/:id/rectifications/:rid/verification', allowed: ['finance'], setup: 'rectification-reported', ok: 200, body: () => ({ passed: true }) },
  { method: 'POST', path: '/projects/:id/closure', allowed: ['finance'], setup: 'proposed', ok: 200, body: () => ({ reason: '项目撤销' }) },
  { method: 'GET', path: '/projects/:id', allowed: reader, setup: 'executing', ok: 200 },
  { method: 'GET', path: '/projects', allowed: listReader, setup: 'no-project', ok: 200, query: ownDepartment },
  { method: 'GET', path: '/me', allowed: everyRole, setup: 'no-project', ok: 200, unscoped: true },
  { method: 'GET', path: '/dashboards/departments', allowed: listReader, setup: 'no-project', ok: 200, query: ownDepartmentYear },
  { method: 'GET', path: '/dashboards/results-to-allocations', allowed: listReader, setup: 'no-project', ok: 200, query: ownDepartmentYear },
  { method: 'GET', path: '/deviations', allowed: listReader, setup: 'no-project', ok: 200, query: ownDepartment },
  { method: 'GET', path: '/evaluations', allowed: listReader, setup: 'no-project', ok: 200, query: ownDepartment },
  { method: 'GET', path: '/evaluations/grade-distribution', allowed: listReader, setup: 'no-project', ok: 200, query: ownDepartmentYear },
  { method: 'GET', path: '/accountability', allowed: listReader, setup: 'no-project', ok: 200, query: ownDepartment },
  // Indicator progress is per project: the project's own department, finance, auditors and oversight; not evaluators.
  { method: 'GET', path: '/projects/:id/indicators', allowed: listReader, setup: 'executing', ok: 200, readModel: true },
  // The self-evaluation draft: the project's own department, finance and auditors.
  { method: 'GET', path: '/projects/:id/self-evaluation-draft', allowed: ['department', 'finance', 'auditor'], setup: 'executing', ok: 200 },
  { method: 'GET', path: '/audit/projects/:id/history', allowed: ['auditor'], setup: 'executing', ok: 200 },
  { method: 'GET', path: '/audit/projects/:id/state', allowed: ['auditor'], setup: 'executing', ok: 200, query: '?revision=1' },
  { method: 'GET', path: '/audit/what-if', allowed: ['auditor'], setup: 'executing', ok: 200, query: '?project=:id&rulebookVersion=1' },
  { method: 'GET', path: '/audit/verification', allowed: ['auditor'], setup: 'no-project', ok: 200 },
  { method: 'GET', path: '/audit/export', allowed: ['auditor'], setup: 'no-project', ok: 200 },
  { method: 'GET', path: '/audit/proofs/inclusion', allowed: ['auditor'], setup: 'no-project', ok: 200, query: '?leafIndex=0&treeSize=1' },
  { method: 'GET', path: '/audit/proofs/consistency', allowed: ['auditor'], setup: 'no-project', ok: 200, query: '?from=1&to=2' },
  { method: 'GET', path: '/audit/checkpoints', allowed: ['auditor'], setup: 'no-project', ok: 200 },
  { method: 'GET', path: '/audit/public-key', allowed: ['auditor'], setup: 'no-project', ok: 200 },
  { method: 'POST', path: '/audit/checkpoints', allowed: ['auditor', 'admin'], setup: 'no-project', ok: 201 },
  // A witness's real co-signature of a checkpoint the api signed (made in beforeAll).
  { method: 'POST', path: '/audit/cosignatures', allowed: ['auditor'], setup: 'no-project', ok: 201, body: () => cosignatureBody },
  { method: 'POST', path: '/admin/tokens', allowed: ['admin'], setup: 'no-project', ok: 201, body: () => ({ role: 'auditor', label: 'matrix', issuedTo: '审计局 matrix' }) },
  { method: 'GET', path: '/admin/tokens', allowed: ['admin'], setup: 'no-project', ok: 200 },
  { method: 'DELETE', path: '/admin/tokens/:tokenId', allowed: ['admin'], setup: 'no-project', ok: 200 },
  {
    method: 'POST', path: '/admin/rulebooks', allowed: ['admin'], setup: 'no-project', ok: 201,
    // A rulebook of its own id, so publishing it leaves the rules in force for projects untouched.
    body: () => ({ rulebook: { ...nationalRulebook2020, id: `matrix-${randomUUID()}` } }),
  },
];

let cosignatureBody: unknown;

const label = (e: Endpoint) => `${e.method} ${e.path}`;
const bodyFor = (e: Endpoint, role: Role) => e.body?.(role) ?? (e.method === 'POST' ? {} : undefined);

describe('authorisation: every endpoint × role', () => {
  let api: RunningApi;
  /** The token of each role as the issue means it: own department, assigned evaluator. */
  const tokens = {} as Record<Role, string>;
  let otherDepartmentToken: string;
  let unassignedEvaluatorToken: string;

  beforeAll(async () => {
    api = await startApi({ clock: midYear });
    tokens.department = await api.token({ role: 'department', department });
    tokens.finance = await api.token({ role: 'finance', subject: 'finance-bureau' });
    tokens.evaluator = await api.token({ role: 'evaluator', subject: assignedEvaluator });
    tokens.auditor = await api.token({ role: 'auditor' });
    tokens.oversight = await api.token({ role: 'oversight' });
    tokens.operator = await api.token({ role: 'operator' });
    tokens.admin = await api.token({ role: 'admin' });
    otherDepartmentToken = await api.token({ role: 'department', department: otherDepartment });
    unassignedEvaluatorToken = await api.token({ role: 'evaluator', subject: 'other-evaluators' });
    const checkpoint = (await api.call('POST', '/api/v1/audit/checkpoints', { token: tokens.admin })).body;
    const cosignature = await cosignCheckpoint(parseCheckpoint(checkpoint), 'matrix audit office', generateSigningKey(), midYear().toISOString());
    cosignatureBody = { checkpoint, cosignature };
    revocable = await tokenToRevoke();
  });
  afterAll(() => api.close());

  /** One command through the api on the way to a stage; any failure here is a broken fixture. */
  async function step(role: Role, path: string, body: unknown): Promise<ApiResponse> {
    const response = await api.call('POST', `/api/v1${path}`, { token: tokens[role], body });
    if (response.status >= 300) throw new Error(`setup ${path} as ${role}: ${response.status} ${JSON.stringify(response.body)}`);
    return response;
  }

  /** Flags a budget deviation as the monitoring workflow would, through the same handleCommand. */
  async function flagBudgetDeviation(projectId: string, deviationId: string): Promise<void> {
    await decideAndAppend(api, projectId, { type: 'FlagDeviation', deviationId, subject: { kind: 'budget' } }, midYear().toISOString());
  }

  const order: readonly Setup[] = [
    'proposed', 'goals-submitted', 'goals-approved', 'admitted', 'executing',
    'deviation-flagged', 'evaluated', 'result-applied', 'rewarded', 'rectification-ordered', 'rectification-reported',
  ];

  /** A fresh project of the own department, brought through the api to the given setup. */
  async function prepare(setup: Setup): Promise<string | undefined> {
    if (setup === 'no-project') return undefined;
    const reached = (s: Setup) => order.indexOf(setup) >= order.indexOf(s);
    const id = (await step('department', '/projects', proposal(department))).body.projectId as string;
    const p = `/projects/${id}`;
    if (reached('goals-submitted')) await step('department', `${p}/goals`, goals);
    if (reached('goals-approved')) await step('finance', `${p}/goal-reviews`, { grade: 'good' });
    if (reached('admitted')) await step('finance', `${p}/admission`, { decision: 'admit', reviewScore: 88 });
    if (reached('executing')) {
      await step('finance', `${p}/allocations`, { amountFen: 90_000_000, documentNo: '渝财预〔2026〕12号' });
      await step('finance', `${p}/evaluation-assignments`, { evaluatorId: assignedEvaluator, evaluatorKind: 'third-party' });
    }
    if (setup === 'deviation-flagged') await flagBudgetDeviation(id, 'dev-1');
    if (reached('evaluated')) {
      // 'rewarded' scores full points (89.99 with nothing spent: 良), which earns an incentive.
      const scores = setup === 'rewarded' ? goodScores : fairScores;
      await step('finance', `${p}/evaluations`, { evaluationId: 'eval-1', kind: 'finance', method: 'factor-analysis', scores, executionRateReason });
    }
    if (setup === 'result-applied') await step('finance', `${p}/result-decisions`, { evaluationId: 'eval-1', decision: 'reduce' });
    if (setup === 'rewarded') await step('finance', `${p}/result-decisions`, { evaluationId: 'eval-1', decision: 'maintain' });
    if (reached('rectification-ordered')) {
      await step('finance', `${p}/rectifications`, { rectificationId: 'rect-1', issues: '绩效目标完成不足', evaluationId: 'eval-1' });
    }
    if (setup === 'rectification-reported') await step('department', `${p}/rectifications/rect-1/report`, { report: '已完成整改' });
    return id;
  }

  /** A live token's id for DELETE /admin/tokens/:tokenId; a fresh one for each allowed call. */
  async function tokenToRevoke(): Promise<string> {
    const issued = await api.call('POST', '/api/v1/admin/tokens', { token: tokens.admin, body: { role: 'auditor', issuedTo: 'to be revoked' } });
    return issued.body.tokenId as string;
  }
  let revocable = '';

  const urlFor = (e: Endpoint, projectId: string | undefined, tokenId = revocable) =>
    '/api/v1' +
    (e.path + (e.query ?? ''))
      .replace(':id', projectId ?? 'no-project')
      .replace(':tokenId', tokenId)
      .replace(':indicatorId', 'satisfaction')
      .replace(':deviationId', 'dev-1')
      .replace(':rid', 'rect-1');

  /** Sends a call that must be refused, once plain and once with an Idempotency-Key; neither may write an event. */
  async function expectRefused(e: Endpoint, projectId: string | undefined, token: string | undefined, status: number, bodyRole: Role) {
    const plain: Record<string, string> = {};
    for (const headers of [plain, { 'idempotency-key': `refused-${randomUUID()}` }]) {
      const before = await api.store.headPosition();
      const response = await api.call(e.method, urlFor(e, projectId), { token, body: bodyFor(e, bodyRole), headers });
      expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({
        status,
        contentType: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(response.body).toMatchObject({ status });
      expect(await api.store.headPosition()).toBe(before);
    }
  }

  /**
   * A call out of scope must get, byte for byte but for `instance`, what the same call on a
   * project that never existed gets: plain, keyed, and with an If-Match that would not
   * match (a 412 would reveal the revision). Nothing is written.
   */
  async function expectAsIfAbsent(e: Endpoint, projectId: string, token: string, role: Role) {
    const absent = `absent-${randomUUID()}`;
    for (const headers of [{}, { 'idempotency-key': `scope-${randomUUID()}` }, { 'if-match': '"999"' }] as Record<string, string>[]) {
      const before = await api.store.headPosition();
      const real = await api.call(e.method, urlFor(e, projectId), { token, body: bodyFor(e, role), headers });
      const keyed = headers['idempotency-key'] ? { ...headers, 'idempotency-key': `scope-${randomUUID()}` } : headers;
      const none = await api.call(e.method, urlFor(e, absent), { token, body: bodyFor(e, role), headers: keyed });
      const strip = (r: ApiResponse) => ({ status: r.status, etag: r.headers.get('etag'), body: { ...r.body, instance: undefined } });
      expect(strip(real)).toEqual(strip(none));
      expect(real.status).toBe(e.allowed.includes(role) ? 404 : 403);
      expect(await api.store.headPosition()).toBe(before);
    }
  }

  it('covers exactly the routes the api registers (OpenAPI)', async () => {
    const docs = await api.call('GET', '/api/docs-json');
    expect(docs.status).toBe(200);
    const registered = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) =>
        Object.keys(operations)
          .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map((method) => `${method.toUpperCase()} ${path}`),
      )
      .filter((route) => !/ \/(health|metrics)\b|^\w+ \/api\/docs/.test(route))
      .sort();
    const tabled = endpoints.map((e) => `${e.method} /api/v1${e.path.replace(/:(\w+)/g, '{$1}')}`).sort();
    expect(registered).toEqual(tabled);
    expect(new Set(tabled).size).toBe(endpoints.length);
  });

  describe.each(endpoints.map((e) => [label(e), e] as const))('%s', (_name, endpoint) => {
    /** One project in the endpoint's stage for every refused call: only authorisation can explain a refusal. */
    let target: string | undefined;
    beforeAll(async () => {
      target = await prepare(endpoint.setup);
      if (endpoint.readModel) await api.settled();
    });

    const forbidden = everyRole.filter((role) => !endpoint.allowed.includes(role));

    it('answers 401 problem+json without a token', async () => {
      await expectRefused(endpoint, target, undefined, 401, endpoint.allowed[0]!);
    });

    it('answers 401 to a token it never issued', async () => {
      await expectRefused(endpoint, target, `jx_${randomUUID()}`, 401, endpoint.allowed[0]!);
    });

    if (forbidden.length) {
      it.each(forbidden)('answers 403 to the %s role', async (role) => {
        await expectRefused(endpoint, target, tokens[role], 403, endpoint.allowed[0]!);
      });
    }

    if (endpoint.unscoped) {
      // Not about a project or a department: scope does not apply (the role table does).
    } else if (endpoint.path.includes(':id')) {
      it('answers a department token of another department exactly as if the project did not exist', async () => {
        await expectAsIfAbsent(endpoint, target!, otherDepartmentToken, 'department');
      });

      it('answers an evaluator the project is not assigned to exactly as if the project did not exist', async () => {
        await expectAsIfAbsent(endpoint, target!, unassignedEvaluatorToken, 'evaluator');
      });
    } else {
      it('answers 403 to a department token of another department', async () => {
        await expectRefused(endpoint, target, otherDepartmentToken, 403, 'department');
      });

      it('answers 403 to an evaluator', async () => {
        await expectRefused(endpoint, target, unassignedEvaluatorToken, 403, 'evaluator');
      });
    }

    it.each(endpoint.allowed)('lets the %s role through (2xx, one or more events)', async (role) => {
      const projectId = await prepare(endpoint.setup);
      if (endpoint.readModel) await api.settled();
      const tokenId = endpoint.path.includes(':tokenId') ? await tokenToRevoke() : revocable;
      const before = await api.store.headPosition();
      const response = await api.call(endpoint.method, urlFor(endpoint, projectId, tokenId), { token: tokens[role], body: bodyFor(endpoint, role) });
      expect({ status: response.status, body: response.body }).toMatchObject({ status: endpoint.ok });
      if (endpoint.method === 'GET') expect(await api.store.headPosition()).toBe(before);
      else expect(await api.store.headPosition()).toBeGreaterThan(before);
    });
  });

  // The route lets the department, finance and evaluator roles score, each only its own kind of evaluation.
  const wrongKinds: ReadonlyArray<readonly [Role, string]> = [
    ['department', 'third-party'], ['department', 'finance'],
    ['finance', 'self'], ['finance', 'third-party'],
    ['evaluator', 'self'], ['evaluator', 'department'], ['evaluator', 'finance'],
  ];
  const evaluations = endpoints.find((e) => e.path === '/projects/:id/evaluations')!;
  describe('POST /projects/:id/evaluations by kind', () => {
    let target: string | undefined;
    beforeAll(async () => {
      target = await prepare(evaluations.setup);
    });
    it.each(wrongKinds)('answers 403 when the %s role submits a %s evaluation', async (role, kind) => {
      const before = await api.store.headPosition();
      const response = await api.call('POST', urlFor(evaluations, target), {
        token: tokens[role],
        body: { kind, method: 'factor-analysis', scores: fairScores, executionRateReason },
      });
      expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({
        status: 403,
        contentType: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(await api.store.headPosition()).toBe(before);
    });
  });
});
