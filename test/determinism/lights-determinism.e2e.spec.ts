import { CommandBus } from '@nestjs/cqrs';
import { ProjectCommands, ProjectStates, Rulebooks } from '@jixiao/application';
import { seededRandom } from '@jixiao/domain';
import type { StoredEvent } from '@jixiao/event-store';
import { startTestPostgres, type TestPostgres } from '../../libs/event-store/src/postgres/test-database.js';
import { departmentDashboard, deviationWatchlist, indicatorProgress, listProjects } from '@jixiao/projections';
import { DirectCommandDispatcher, WorkflowEngine, type CommandDispatcher } from '@jixiao/workflow';
import { CommandBusDispatcher } from '../../apps/api/src/workflow/command-bus.dispatcher.js';
import { startApi, type RunningApi } from '../support/api-harness.js';

/**
 * Determinism: the same commands give the same history whenever the workflow
 * runs. A finance bureau back-fills fiscal year 2012 over HTTP — ten output indicators,
 * 484,270,500 fen, thirteen expenditures (99.2% together), mid-year and year-end readings,
 * an explanation — under one injected clock. The workflow runs (a) after each command,
 * (b) only after all of them, (c) at seeded random points; in the api's process (its
 * CommandBus) and as the worker (wired as apps/worker wires it: its own ProjectCommands,
 * state cache and rulebooks behind a DirectCommandDispatcher, in this test process); on
 * SQLite and on PostgreSQL. Every run must give the
 * same events per stream (ids, recordedAt, position, revision and the ids in metadata
 * aside) and the same read-model answers (time and age columns aside).
 */
const CLOCK = new Date('2026-11-29T08:00:00.000Z');
const PROJECT = 'backfill-2012';
const BUDGET = 484_270_500;

const indicators = Array.from({ length: 10 }, (_, i) => ({
  indicatorId: `output-${i + 1}`,
  name: `产出指标 ${i + 1}`,
  level: 'output',
  kind: 'quantity',
  comparator: '>=',
  target: 100 * (i + 1),
  unit: '件',
  criteria: null,
  direction: 'higher-is-better',
  weight: 10,
  deadline: '2012-12-31',
}));

/** Slow in the first half (a red budget light in July), caught up by December: 99.2% in all. */
const spentOn = ['2012-01-20', '2012-02-20', '2012-03-20', '2012-04-20', '2012-05-20', '2012-06-20', '2012-07-20', '2012-08-20', '2012-09-20', '2012-10-20', '2012-11-20', '2012-12-10', '2012-12-28'];
const shares = [1, 1, 2, 2, 3, 3, 4, 10, 12, 14, 16, 16, 15.2]; // percent of the budget, 99.2 together
const amounts = shares.map((s, i) => (i < shares.length - 1 ? Math.round((BUDGET * s) / 100) : 0));
amounts[amounts.length - 1] = Math.round(BUDGET * 0.992) - amounts.reduce((a, b) => a + b, 0);

type Step = { token: 'department' | 'finance'; path: string; body: unknown };
const steps: Step[] = [
  { token: 'department', path: '/projects', body: { projectId: PROJECT, department: 'finance-backfill', title: '2012 年度补录项目', category: 'specific-purpose', fiscalYear: 2012, requestedFen: BUDGET } },
  { token: 'department', path: `/projects/${PROJECT}/goals`, body: { overallGoal: '十项产出', indicators } },
  { token: 'finance', path: `/projects/${PROJECT}/goal-reviews`, body: { grade: 'good' } },
  { token: 'finance', path: `/projects/${PROJECT}/admission`, body: { decision: 'admit', reviewScore: 90 } },
  { token: 'finance', path: `/projects/${PROJECT}/allocations`, body: { amountFen: BUDGET } },
  ...spentOn.map((date, i) => ({ token: 'department' as const, path: `/projects/${PROJECT}/expenditures`, body: { expenditureId: `x-${i + 1}`, amountFen: amounts[i], spentOn: date } })),
  // Mid-year readings: three indicators behind (red, yellow), the rest on pace.
  ...indicators.map((i, n) => ({
    token: 'department' as const,
    path: `/projects/${PROJECT}/readings`,
    body: { readingId: `r-06-${n + 1}`, indicatorId: i.indicatorId, period: '2012-06', value: (i.target * (n === 0 ? 0.2 : n === 1 ? 0.35 : 0.5)) },
  })),
  { token: 'department', path: `/projects/${PROJECT}/deviations/light-2/explanation`, body: { cause: 'funding', measures: '加快拨付进度', likelihood: 'possible' } },
  // Year-end readings: all met but the first, still short.
  ...indicators.map((i, n) => ({
    token: 'department' as const,
    path: `/projects/${PROJECT}/readings`,
    body: { readingId: `r-12-${n + 1}`, indicatorId: i.indicatorId, period: '2012-12', value: n === 0 ? i.target * 0.7 : i.target },
  })),
];

type Mode = 'after-each' | 'after-all' | 'seeded';
type Host = 'in-process' | 'worker';

interface Outcome {
  readonly streams: Record<string, unknown[]>;
  readonly readModels: Record<string, unknown>;
}

/** Ids, store positions and times of entry set aside; everything else must match. */
function normalise(event: StoredEvent): unknown {
  const m = event.metadata as Record<string, any>;
  return {
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: {
      actor: m['actor'],
      commandType: m['commandType'] ?? null,
      occurredAt: m['occurredAt'] ?? null,
      processManager: m['workflow']?.processManager ?? null,
      rulebook: m['workflow']?.rulebook ?? null,
    },
  };
}

/** Read-model answers with their time and age columns removed. */
const withoutTime = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (key, v) => (['asOf', 'ageDays', 'timeProgress', 'expectedNow', 'revision'].includes(key) ? undefined : v));

async function runOnce(mode: Mode, host: Host, databaseUrl?: string): Promise<Outcome> {
  const clock = () => CLOCK;
  const api: RunningApi = await startApi({ clock, workflow: false, ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    const rulebooks = new Rulebooks(api.store);
    const dispatcher: CommandDispatcher =
      host === 'worker'
        ? new DirectCommandDispatcher(new ProjectCommands(api.store, new ProjectStates(api.store), rulebooks, clock, 20))
        : new CommandBusDispatcher(api.app.get(CommandBus));
    const engine = new WorkflowEngine({
      store: api.store,
      db: api.readModels.db,
      dispatcher,
      rulebook: () => rulebooks.inForce(),
      clock,
      holder: host,
    });
    await engine.prepare();
    const tokens = {
      department: await api.token({ role: 'department', department: 'finance-backfill', subject: 'clerk-1' }),
      finance: await api.token({ role: 'finance', subject: 'reviewer-1' }),
    };
    const random = seededRandom(15);
    for (const step of steps) {
      const response = await api.call('POST', `/api/v1${step.path}`, { token: tokens[step.token], body: step.body });
      const ok = response.status === 200 || response.status === 201;
      expect({ path: step.path, ok, body: ok ? null : response.body }).toEqual({ path: step.path, ok: true, body: null });
      if (mode === 'after-each' || (mode === 'seeded' && random() < 0.3)) await engine.runUntilIdle();
    }
    await engine.runUntilIdle();
    await api.settled();

    const streams: Record<string, unknown[]> = {};
    for await (const event of api.store.readAll()) {
      if (event.stream.startsWith('token-') || event.stream.startsWith('access-')) continue;
      (streams[event.stream] ??= []).push(normalise(event));
    }
    const db = api.readModels.db;
    const page = { limit: 100, offset: 0 };
    const readModels = withoutTime({
      projects: await listProjects(db, page),
      deviations: await deviationWatchlist(db, page, CLOCK),
      dashboard: await departmentDashboard(db, 2012),
      indicators: await indicatorProgress(db, PROJECT, CLOCK),
    }) as Record<string, unknown>;
    return { streams, readModels };
  } finally {
    await api.close();
  }
}

const MODES: Mode[] = ['after-each', 'after-all', 'seeded'];
const HOSTS: Host[] = ['in-process', 'worker'];

describe('lights are deterministic: the same commands give the same history whenever the workflow runs', () => {
  const outcomes: Array<{ name: string; outcome: Outcome }> = [];
  const postgres: TestPostgres[] = [];
  afterAll(async () => {
    for (const p of postgres) await p.stop();
  });

  it('on SQLite: (a) after each command, (b) after all, (c) at seeded points; in process and as the worker', async () => {
    for (const host of HOSTS) for (const mode of MODES) outcomes.push({ name: `sqlite/${host}/${mode}`, outcome: await runOnce(mode, host) });
  }, 180_000);

  it('on PostgreSQL: the same six runs', async () => {
    for (const host of HOSTS) {
      for (const mode of MODES) {
        const database = await startTestPostgres();
        postgres.push(database);
        outcomes.push({ name: `postgres/${host}/${mode}`, outcome: await runOnce(mode, host, database.url) });
      }
    }
  }, 300_000);

  it('all twelve runs are equal, event for event and answer for answer', () => {
    expect(outcomes.map((o) => o.name)).toHaveLength(12);
    const [first, ...rest] = outcomes;
    for (const other of rest) {
      expect({ run: other.name, streams: other.outcome.streams }).toEqual({ run: other.name, streams: first!.outcome.streams });
      expect({ run: other.name, readModels: other.outcome.readModels }).toEqual({ run: other.name, readModels: first!.outcome.readModels });
    }
  });

  it('and the history is the one the rules give as of the business dates', () => {
    const project = outcomes[0]!.outcome.streams[`project-${PROJECT}`] as Array<{ type: string; data: Record<string, unknown> }>;
    const lights = project.filter((e) => ['LightAssessed', 'DeviationFlagged', 'DeviationRaised', 'DeviationLowered', 'DeviationCleared'].includes(e.type));
    const budget = lights.filter((e) => (e.data['subject'] as { kind: string }).kind === 'budget').map((e) => [e.type, e.data['level'] ?? e.data['light'], e.data['asOf']]);
    // Nothing lit before the end of June; 20% spent by 20 July (÷ 0.55 of the year) is red; back on pace by the end of August.
    expect(budget[0]).toEqual(['DeviationFlagged', 'red', '2012-07-20']);
    expect(budget.at(-1)).toEqual(['DeviationCleared', 'green', expect.any(String)]);
    const flagged = project.find((e) => e.type === 'DeviationFlagged')!;
    expect(flagged.data['flaggedAt']).toBe(CLOCK.toISOString()); // entry time: the escalation deadline runs from here
    // The red warning left open on output-1 waits for its escalation timer (15 days from entry), scheduled whatever the mode.
    const timers = Object.keys(outcomes[0]!.outcome.streams).filter((s) => s.startsWith('timer-escalation-'));
    expect(timers.length).toBeGreaterThan(0);
    expect(Object.keys(outcomes[0]!.outcome.streams).filter((s) => s.startsWith('timer-lights-'))).toEqual([]); // a back-filled year has no assessment dates ahead
  });
});
