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
import { accountabilityLedger } from './accountability/accountability-ledger.query.js';
import { departmentDashboard } from './dashboard/department-dashboard.query.js';
import { deviationWatchlist } from './deviations/deviation-watchlist.query.js';
import { gradeDistribution, listEvaluations } from './evaluations/evaluation-results.query.js';
import { indicatorProgress } from './indicators/indicator-progress.query.js';
import { listProjects } from './projects/project-list.query.js';
import { readModelProjections } from './read-model-projections.js';

/*
 * The read models are written in portable SQL: the same events projected into SQLite and
 * into PostgreSQL must answer every query the same way.
 */
const folder = mkdtempSync(join(tmpdir(), 'jixiao-rm-pg-'));
let postgres: TestPostgres;
let sqlite: SqliteReadModelDatabase;
let pg: PostgresReadModelDatabase;
let store: SqliteEventStore;
const now = new Date('2025-09-01T00:00:00Z');
const departments = ['water-bureau', 'education-bureau', 'health-commission'];

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
};

describe('read models on PostgreSQL answer as on SQLite', () => {
  it('has something to compare', async () => {
    const dashboard = await departmentDashboard(sqlite, 2025);
    expect(dashboard.length).toBe(3);
    expect((await deviationWatchlist(sqlite, page, now)).total).toBeGreaterThan(0);
    expect((await listEvaluations(sqlite, page)).total).toBeGreaterThan(0);
  });

  it.each(Object.keys(queries))('%s', async (name) => {
    const query = queries[name]!;
    expect(await query(pg)).toEqual(await query(sqlite));
  });
});
