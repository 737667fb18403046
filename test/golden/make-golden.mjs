// Seeds the golden store with the release BEFORE the change under test, and writes what
// that release answers about it. Not part of the build or the tests: run it from the root
// of a checkout of the base release after `npm run build` (see README.md beside it):
//
//   node make-golden.mjs <out-folder>
//
// It writes <out>/events.ndjson (the export), <out>/expected/*.json (the answers).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = process.cwd();
const out = resolve(process.argv[2] ?? 'golden-out');
const dist = (path) => import(join(root, 'dist', path));

const { createApp } = await dist('apps/api/src/app.js');
const { loadConfig } = await dist('apps/api/src/config/app-config.js');
const { openReadModels } = await dist('apps/api/src/read-models/read-models.js');
const { AccessTokens } = await dist('apps/api/src/auth/access-tokens.js');
const { Rulebooks } = await dist('apps/api/src/commands/rulebooks.js');
const { CommandBusDispatcher } = await dist('apps/api/src/workflow/command-bus.dispatcher.js');
const { exportLines } = await dist('apps/api/src/audit/audit-record.js');
const { seed } = await dist('apps/cli/src/commands/seed.js');
const es = await dist('libs/event-store/src/index.js');
const wf = await dist('libs/workflow/src/index.js');
const pj = await dist('libs/projections/src/index.js');
const dm = await dist('libs/domain/src/index.js');
const { CommandBus } = await import(join(root, 'node_modules/@nestjs/cqrs/dist/index.js'));

const folder = mkdtempSync(join(tmpdir(), 'jixiao-golden-'));
let now = new Date('2026-01-02T01:00:00.000Z');
const clock = () => now;
const at = (iso) => {
  now = new Date(iso);
};

const config = loadConfig({ JIXIAO_DATA_DIR: folder, PORT: '0', LOG_LEVEL: 'silent', JIXIAO_WORKFLOW: 'off' });
const store = new es.SqliteEventStore({ file: join(folder, 'events.sqlite'), clock });
const readModels = await openReadModels(config, store, clock);
const app = await createApp({ config, store, readModels, clock, logger: false });
await app.listen(0, '127.0.0.1');
const url = await app.getUrl();
const tokens = new AccessTokens(store, clock);
const token = async (request) => (await tokens.issue(request, 'golden')).token;

// The workflow runs in steps we choose, on the api's CommandBus, as the api host would run it.
const engine = new wf.WorkflowEngine({
  store,
  db: readModels.db,
  dispatcher: new CommandBusDispatcher(app.get(CommandBus)),
  rulebook: () => app.get(Rulebooks).inForce(),
  clock,
  holder: 'golden',
});
await engine.prepare();
const workflow = () => engine.runUntilIdle();

const call = async (method, path, tokenValue, body, headers = {}) => {
  const response = await fetch(url + '/api/v1' + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenValue}`, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return { status: response.status, body: parsed, headers: response.headers };
};

const admin = await token({ role: 'admin', subject: 'golden-admin' });
const water = await token({ role: 'department', department: 'water-bureau', subject: 'water-clerk' });
const edu = await token({ role: 'department', department: 'edu-bureau', subject: 'edu-clerk' });
const finance = await token({ role: 'finance', subject: 'finance-bureau' });
const evaluator = await token({ role: 'evaluator', subject: 'acme-evaluators' });
await token({ role: 'auditor', subject: 'audit-office' });

// Rulebook version 2: the same rules, published, so the rulebook stream is in the store.
await call('POST', '/admin/rulebooks', admin, { rulebook: { ...dm.nationalRulebook2020, version: 2 } });

// Completed years from the CLI's seeded generator: evaluation, results, cuts, rectification, closure.
await seed(store, { projects: 6, fiscalYear: 2025, seed: 3, concurrency: 1 }, { line: () => undefined, error: () => undefined });

const proposal = (department, title, requestedFen = 100_000_000) => ({ department, title, category: 'specific-purpose', fiscalYear: 2026, requestedFen });
const goals = {
  overallGoal: '为 1,200 户农村居民提供安全饮水',
  indicators: [
    { indicatorId: 'households', name: '受益户数', level: 'output', kind: 'quantity', comparator: '>=', target: 1200, unit: '户', criteria: null, direction: 'higher-is-better', weight: 40, deadline: '2026-12-31' },
    { indicatorId: 'unit-cost', name: '户均成本', level: 'output', kind: 'cost', comparator: '<=', target: 800, unit: '元/户', criteria: null, direction: 'lower-is-better', weight: 20, deadline: '2026-12-31' },
    { indicatorId: 'water-quality', name: '水质达标', level: 'output', kind: 'quality', comparator: 'qualitative', target: null, unit: null, criteria: '季度检测符合 GB 5749-2022', direction: 'higher-is-better', weight: 10, deadline: '2026-12-31' },
    { indicatorId: 'illness-drop', name: '介水疾病下降', level: 'benefit', kind: 'social', comparator: '>=', target: 20, unit: '%', criteria: null, direction: 'higher-is-better', weight: 20, deadline: '2026-12-31' },
    { indicatorId: 'satisfaction', name: '群众满意度', level: 'satisfaction', kind: 'service-recipient', comparator: '>=', target: 90, unit: '%', criteria: null, direction: 'higher-is-better', weight: 10, deadline: '2026-12-31' },
  ],
};
const fairScores = [
  { indicatorId: 'households', points: 20 },
  { indicatorId: 'unit-cost', points: 10 },
  { indicatorId: 'water-quality', points: 5 },
  { indicatorId: 'illness-drop', points: 15 },
  { indicatorId: 'satisfaction', points: 8 },
];

// Fiscal year 2026 over HTTP, one project stopping in each early stage.
at('2026-01-05T01:00:00.000Z');
const names = ['proposed', 'goals-submitted', 'goals-revision', 'goals-approved', 'goals-barred', 'admitted', 'rejected', 'executing', 'evaluated', 'results', 'closed'];
const ids = {};
for (const [n, name] of names.entries()) {
  const body = { ...proposal(n % 3 === 2 ? 'edu-bureau' : 'water-bureau', `黄金样本 ${name}`), projectId: `golden-${name}` };
  const tokenValue = n % 3 === 2 ? edu : water;
  // Keyed: the proposal of "proposed" goes without a projectId, so the server mints it; it is retried once.
  if (name === 'proposed') {
    delete body.projectId;
    const first = await call('POST', '/projects', tokenValue, body, { 'idempotency-key': 'golden-propose-1' });
    const retry = await call('POST', '/projects', tokenValue, body, { 'idempotency-key': 'golden-propose-1' });
    if (retry.body.projectId !== first.body.projectId) throw new Error('keyed retry did not replay');
    ids[name] = first.body.projectId;
  } else {
    ids[name] = (await call('POST', '/projects', tokenValue, body)).body.projectId;
  }
}
const tokenOf = (name) => (names.indexOf(name) % 3 === 2 ? edu : water);
const p = (name) => `/projects/${encodeURIComponent(ids[name])}`;

at('2026-01-10T02:00:00.000Z');
for (const name of names.slice(1)) await call('POST', `${p(name)}/goals`, tokenOf(name), goals, name === 'executing' ? { 'idempotency-key': 'golden-goals-exec' } : {});
at('2026-01-20T02:00:00.000Z');
await call('POST', `${p('goals-revision')}/goal-reviews`, finance, { grade: 'fair', comments: '产出指标偏低' });
await call('POST', `${p('goals-barred')}/goal-reviews`, finance, { grade: 'poor', comments: '指标不可衡量' });
for (const name of names.slice(3).filter((n) => n !== 'goals-barred')) await call('POST', `${p(name)}/goal-reviews`, finance, { grade: 'good' });
at('2026-02-15T02:00:00.000Z');
await call('POST', `${p('rejected')}/admission`, finance, { decision: 'reject', reviewScore: 50, reasons: ['必要性论证不充分'] });
for (const name of ['admitted', 'executing', 'evaluated', 'results']) await call('POST', `${p(name)}/admission`, finance, { decision: 'admit', reviewScore: 88 });
at('2026-02-20T02:00:00.000Z');
await call('POST', `${p('closed')}/closure`, finance, { reason: '项目撤销' }, { 'idempotency-key': 'golden-close' });
at('2026-03-01T02:00:00.000Z');
for (const name of ['executing', 'evaluated', 'results']) {
  await call('POST', `${p(name)}/allocations`, finance, { amountFen: 90_000_000, documentNo: '渝财预〔2026〕12号' }, { 'idempotency-key': `golden-alloc-${name}` });
}
for (const name of ['evaluated', 'results']) {
  await call('POST', `${p(name)}/evaluation-assignments`, finance, { evaluatorId: 'acme-evaluators', evaluatorKind: 'third-party' });
}
await workflow();

// Monitoring 双监控: spending and readings, behind schedule on "executing".
at('2026-04-05T03:00:00.000Z');
for (const name of ['executing', 'evaluated', 'results']) {
  // No expenditureId / readingId: the server mints them (keyed on "executing").
  const keyed = name === 'executing';
  await call('POST', `${p(name)}/expenditures`, tokenOf(name), { amountFen: keyed ? 5_000_000 : 20_000_000, spentOn: '2026-03-31' }, keyed ? { 'idempotency-key': 'golden-spend-q1' } : {});
  await call('POST', `${p(name)}/readings`, tokenOf(name), { indicatorId: 'households', period: '2026-03', value: keyed ? 40 : 300, unit: '户' }, keyed ? { 'idempotency-key': 'golden-read-q1' } : {});
}
await workflow();
at('2026-07-05T03:00:00.000Z');
await call('POST', `${p('executing')}/readings`, water, { indicatorId: 'households', period: '2026-06', value: 100, unit: '户' });
await call('POST', `${p('evaluated')}/readings`, tokenOf('evaluated'), { indicatorId: 'households', period: '2026-06', value: 600, unit: '户' });
await workflow();

// Evaluation 绩效评价; the workflow applies its result.
const evaluation = { evaluationId: 'eval-2026', kind: 'third-party', method: 'factor-analysis', scores: fairScores, executionRateReason: '项目仍在实施' };
at('2026-07-15T08:00:00.000Z');
await call('POST', `${p('results')}/evaluations`, evaluator, evaluation, { 'idempotency-key': 'golden-eval' });
await workflow();
at('2026-07-20T02:00:00.000Z');
const resultsState = (await call('GET', p('results'), finance)).body;
if (resultsState.stage === 'evaluated') {
  // Results are applied by the workflow; if it did not, the project stays evaluated and the scenario says so.
  console.warn('results project still evaluated after the workflow');
}
await call('POST', `${p('results')}/rectifications`, finance, { rectificationId: 'rect-golden', issues: '资金使用效益偏低', evaluationId: 'eval-2026' }, { 'idempotency-key': 'golden-rect' });
await workflow();

// Time passes: some timers come due and fire, later ones stay pending.
at('2026-08-10T02:00:00.000Z');
await workflow();

// An anchor over the intact store, as `cli verify --record-anchor` records it.
const report = await es.verifyChains(store);
if (!report.ok) throw new Error('golden store does not verify');
await es.recordAnchor(store, report.anchor, 'cli:verify', now.toISOString());

// A last keyed command after the anchor.
at('2026-08-12T02:00:00.000Z');
await call('POST', `${p('executing')}/expenditures`, water, { expenditureId: 'x-aug', amountFen: 1_000_000, spentOn: '2026-08-11' }, { 'idempotency-key': 'golden-spend-aug' });
// Scored last, with no workflow pass after it, so one project stays evaluated 已评价.
await call('POST', `${p('evaluated')}/evaluations`, evaluator, evaluation);

await app.close();

// ---- The export and what this release says about it ----
mkdirSync(join(out, 'expected'), { recursive: true });
let ndjson = '';
for await (const line of exportLines(store)) ndjson += line;
writeFileSync(join(out, 'events.ndjson'), ndjson);

const json = (name, value) => writeFileSync(join(out, 'expected', name), JSON.stringify(value, null, 2) + '\n');
const verified = await es.verifyChains(store);
json('verify.json', { ok: verified.ok, eventsChecked: verified.eventsChecked, streamsChecked: verified.streamsChecked, headPosition: verified.headPosition, anchorsChecked: verified.anchorsChecked, anchor: verified.anchor });

const states = new pj.ProjectStates(store);
const projectIds = [];
for await (const event of store.readAll()) if (event.stream.startsWith('project-') && event.revision === 0) projectIds.push(event.stream.slice('project-'.length));
const expectedStates = {};
for (const id of projectIds) {
  const { state, revision } = await states.load(id);
  expectedStates[id] = { revision, state };
}
json('project-states.json', expectedStates);

// Read models rebuilt from position zero on a fresh database, asked at a fixed instant.
const queryNow = new Date('2026-08-15T00:00:00.000Z');
const rmFolder = mkdtempSync(join(tmpdir(), 'jixiao-golden-rm-'));
const rmDb = new pj.SqliteReadModelDatabase(join(rmFolder, 'read-models.sqlite'));
const runner = new pj.ProjectionRunner(store, rmDb, pj.readModelProjections, { clock: () => queryNow });
await runner.prepare();
await runner.catchUp();
const page = { limit: 100, offset: 0 };
const answers = {
  'projects': await pj.listProjects(rmDb, page),
  'projects?fiscalYear=2026': await pj.listProjects(rmDb, { ...page, fiscalYear: 2026 }),
  'projects?openDeviations=true': await pj.listProjects(rmDb, { ...page, openDeviations: true }),
  'dashboard/2025': await pj.departmentDashboard(rmDb, 2025),
  'dashboard/2026': await pj.departmentDashboard(rmDb, 2026),
  'deviations': await pj.deviationWatchlist(rmDb, page, queryNow),
  'deviations?status=open': await pj.deviationWatchlist(rmDb, { ...page, status: 'open' }, queryNow),
  'evaluations': await pj.listEvaluations(rmDb, page),
  'grade-distribution/2025': await pj.gradeDistribution(rmDb, 2025),
  'grade-distribution/2026': await pj.gradeDistribution(rmDb, 2026),
  'accountability/2025': await pj.accountabilityLedger(rmDb, { ...page, fiscalYear: 2025 }, queryNow),
  'accountability/2026': await pj.accountabilityLedger(rmDb, { ...page, fiscalYear: 2026 }, queryNow),
};
for (const id of projectIds) answers[`indicator-progress/${id}`] = (await pj.indicatorProgress(rmDb, id, queryNow)) ?? null;
json('read-models.json', { queryNow: queryNow.toISOString(), answers });

// Pending timers: the scheduler's index rebuilt from the events.
const timerRunner = new pj.ProjectionRunner(store, rmDb, [wf.timersProjection], { clock: () => queryNow });
await timerRunner.prepare();
await timerRunner.catchUp();
const pending = await rmDb.all(`SELECT timer_id AS "timerId", process_manager AS "processManager", project_id AS "projectId", due_at AS "dueAt" FROM workflow_timers WHERE status = 'scheduled' ORDER BY due_at, timer_id`);
const settled = await rmDb.all(`SELECT status, count(*) AS n FROM workflow_timers GROUP BY status ORDER BY status`);
json('pending-timers.json', { pending, settled });

await rmDb.close();
await store.close();
rmSync(folder, { recursive: true, force: true });
rmSync(rmFolder, { recursive: true, force: true });
console.log(`golden store: ${verified.eventsChecked} events, ${projectIds.length} projects, ${pending.length} pending timers → ${out}`);
