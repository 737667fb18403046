import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { projectStream } from '@jixiao/domain';
import { SqliteEventStore } from '@jixiao/event-store';
import { startTestPostgres, type TestPostgres } from '../../../event-store/src/postgres/test-database.js';
import { run, stepsArb } from '../../../domain/src/testing/arbitrary-lifecycle.js';
import { PostgresReadModelDatabase } from '../database/postgres-read-model-database.js';
import type { ReadModelDatabase } from '../database/read-model-database.js';
import { SqliteReadModelDatabase } from '../database/sqlite-read-model-database.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { multiYearLife, type YearPlan } from '../testing/multi-year-life.js';
import { accountabilityLedger } from './accountability/accountability-ledger.query.js';
import { departmentDashboard } from './dashboard/department-dashboard.query.js';
import { resultsToAllocations } from './dashboard/results-to-allocations.query.js';
import { deviationWatchlist } from './deviations/deviation-watchlist.query.js';
import { gradeDistribution, listEvaluations } from './evaluations/evaluation-results.query.js';
import { indicatorProgress } from './indicators/indicator-progress.query.js';
import { listProjects } from './projects/project-list.query.js';
import { readModelProjections } from './read-model-projections.js';

/*
 * The read models are written in portable SQL: the same events projected into SQLite and
 * into PostgreSQL must answer every query the same way, for projects of one fiscal year
 * and for continuing projects living three (issue 17).
 */
const folder = mkdtempSync(join(tmpdir(), 'jixiao-rm-pg-'));
let postgres: TestPostgres;
let sqlite: SqliteReadModelDatabase;
let pg: PostgresReadModelDatabase;
let store: SqliteEventStore;
const now = new Date('2025-09-01T00:00:00Z');
const departments = ['water-bureau', 'education-bureau', 'health-commission'];
/** Continuing projects, 2025–2027: cuts applied within the cap and above it, one still to apply. */
const continuing: Array<{ plan: YearPlan[]; recordYears: boolean }> = [
  { plan: [{ grade: 'fair', decision: 'maintain', cut: true, rectify: true }, { grade: 'excellent', decision: 'prioritise', aboveCapFen: 4_000_000, documentNo: '渝财预〔2026〕3号' }, { grade: 'poor', decision: 'reduce', cut: true }], recordYears: true },
  { plan: [{ grade: 'poor', decision: 'adjust-use', cut: true }, { grade: 'fair', decision: 'reduce', cut: true, rectify: true }, { grade: 'excellent', decision: 'maintain' }], recordYears: false },
  { plan: [{ grade: 'excellent', decision: 'maintain' }, { grade: 'poor', decision: 'suspend', cut: true }], recordYears: true },
];

beforeAll(async () => {
  postgres = await startTestPostgres();
  store = new SqliteEventStore({ file: join(folder, 'events.sqlite'), durability: 'normal' });
  // 40 generated lifecycles (fiscal year 2025), spread over three departments.
  for (const [i, steps] of fc.sample(stepsArb, { numRuns: 40, seed: 2025 }).entries()) {
    const projectId = `p${i}`;
    const events = run(steps).events.map((e) =>
      e.type === 'ProjectProposed' ? { ...e, data: { ...e.data, projectId, department: departments[i % departments.length]! } } : e,
    );
    if (events.length) {
      await store.append(projectStream(projectId), events.map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: e.schemaVersion, data: e.data as never, metadata: {} })), 'no_stream');
    }
  }
  for (const [i, { plan, recordYears }] of continuing.entries()) {
    const { events } = multiYearLife(`c${i}`, departments[i % departments.length]!, 2025, plan, recordYears);
    await store.append(projectStream(`c${i}`), events.map((e) => ({ id: randomUUID(), ...e, data: e.data as never })), 'no_stream');
  }
  sqlite = new SqliteReadModelDatabase(join(folder, 'read-models.sqlite'));
  pg = await PostgresReadModelDatabase.open(postgres.url, 'rm_equivalence');
  for (const db of [sqlite, pg] as ReadModelDatabase[]) {
    const runner = new ProjectionRunner(store, db, readModelProjections, { batchSize: 97 });
    await runner.prepare();
    await runner.catchUp();
  }
}, 120_000);

afterAll(async () => {
  await sqlite?.close();
  await pg?.close();
  await store?.close();
  await postgres?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const page = { limit: 500, offset: 0 };
const queries: Record<string, (db: ReadModelDatabase) => Promise<unknown>> = {
  'project list': (db) => listProjects(db, page),
  'department dashboard': (db) => departmentDashboard(db, 2025),
  'dashboard of one department': (db) => departmentDashboard(db, 2025, 'water-bureau'),
  'deviation watchlist': (db) => deviationWatchlist(db, page, now),
  'open red deviations': (db) => deviationWatchlist(db, { ...page, status: 'open', severity: 'red' }, now),
  evaluations: (db) => listEvaluations(db, page),
  'grade distribution': (db) => gradeDistribution(db, 2025),
  'accountability ledger': (db) => accountabilityLedger(db, { ...page, fiscalYear: 2025 }, now),
  'indicator progress': async (db) => Promise.all(Array.from({ length: 40 }, (_, i) => indicatorProgress(db, `p${i}`, now))),
  'projects of 2026': (db) => listProjects(db, { ...page, fiscalYear: 2026 }),
  'department dashboard 2026': (db) => departmentDashboard(db, 2026),
  'grade distribution 2026': (db) => gradeDistribution(db, 2026),
  'results to allocations 2025 → 2026': (db) => resultsToAllocations(db, 2025),
  'results to allocations 2026 → 2027 of one department': (db) => resultsToAllocations(db, 2026, 'water-bureau'),
  'ledger of cuts applied in 2026': (db) => accountabilityLedger(db, { ...page, appliedInFiscalYear: 2026 }, now),
  'ledger of 2026': (db) => accountabilityLedger(db, { ...page, fiscalYear: 2026 }, now),
  'indicator progress of each year': async (db) => Promise.all([2025, 2026, 2027].flatMap((y) => continuing.map((_, i) => indicatorProgress(db, `c${i}`, now, y)))),
};

describe('read models on PostgreSQL answer as on SQLite', () => {
  it('has something to compare', async () => {
    const dashboard = await departmentDashboard(sqlite, 2025);
    expect(dashboard.length).toBe(3);
    expect((await deviationWatchlist(sqlite, page, now)).total).toBeGreaterThan(0);
    expect((await listEvaluations(sqlite, page)).total).toBeGreaterThan(0);
    const [comparison] = await resultsToAllocations(sqlite, 2025, 'water-bureau');
    expect(comparison?.allocations).toMatchObject({ continuing: 1, continuingAllocated: 1, exceptions: { count: 1, aboveCapFen: 4_000_000 } });
    expect((await accountabilityLedger(sqlite, { ...page, appliedInFiscalYear: 2026 }, now)).cuts.total).toBe(2);
  });

  it.each(Object.keys(queries))('%s', async (name) => {
    const query = queries[name]!;
    expect(await query(pg)).toEqual(await query(sqlite));
  });
});
