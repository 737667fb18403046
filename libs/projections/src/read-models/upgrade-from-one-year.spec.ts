import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectStream } from '@jixiao/domain';
import { SqliteEventStore } from '@jixiao/event-store';
import { startTestPostgres, type TestPostgres } from '../../../event-store/src/postgres/test-database.js';
import { PostgresReadModelDatabase } from '../database/postgres-read-model-database.js';
import type { ReadModelDatabase } from '../database/read-model-database.js';
import { SqliteReadModelDatabase } from '../database/sqlite-read-model-database.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { multiYearLife } from '../testing/multi-year-life.js';
import { readModelsBeforeIssue17 } from '../testing/read-models-before-issue-17.js';
import { accountabilityLedger } from './accountability/accountability-ledger.query.js';
import { resultsToAllocations } from './dashboard/results-to-allocations.query.js';
import { listProjects } from './projects/project-list.query.js';
import { readModelProjections } from './read-model-projections.js';

/*
 * An installation upgraded to issue 17: its read-model database holds the tables of the
 * release before (one row per project), checkpoints at their older versions and at the
 * head of the log. The runner sees each older version, drops those tables and rebuilds
 * from zero (projection.ts: a version is part of a read model's identity), so the answers
 * equal a fresh database's, for a project living three years — on SQLite and PostgreSQL.
 */
const folder = mkdtempSync(join(tmpdir(), 'jixiao-rm-upgrade-'));
let postgres: TestPostgres | undefined;
let store: SqliteEventStore;
const now = new Date('2028-12-15T00:00:00Z');
const page = { limit: 100, offset: 0 };

beforeAll(async () => {
  store = new SqliteEventStore({ file: join(folder, 'events.sqlite'), durability: 'normal' });
  const { events } = multiYearLife('w1', 'water-bureau', 2026, [
    { grade: 'fair', decision: 'maintain', cut: true },
    { grade: 'excellent', decision: 'prioritise', aboveCapFen: 1_000_000 },
    { grade: 'poor', decision: 'reduce', cut: true },
  ]);
  await store.append(projectStream('w1'), events.map((e) => ({ id: randomUUID(), ...e, data: e.data as never })), 'no_stream');
}, 60_000);

afterAll(async () => {
  await store?.close();
  await postgres?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const databases: Record<string, () => Promise<ReadModelDatabase>> = {
  sqlite: async () => new SqliteReadModelDatabase(join(folder, `rm-${randomUUID()}.sqlite`)),
  postgres: async () => {
    postgres ??= await startTestPostgres();
    return PostgresReadModelDatabase.open(postgres.url, `rm_upgrade_${randomUUID().slice(0, 8)}`);
  },
};

/** The release before's read models, as left on disk: its tables with a stale one-year row, its checkpoints at the head. */
async function installationBefore(db: ReadModelDatabase, head: number): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (name TEXT PRIMARY KEY, version INTEGER NOT NULL, position BIGINT NOT NULL, updated_at TEXT NOT NULL)`);
  for (const projection of readModelsBeforeIssue17) {
    for (const ddl of projection.schema) await db.exec(ddl);
    await db.run('INSERT INTO projection_checkpoints (name, version, position, updated_at) VALUES (?, ?, ?, ?)', [projection.name, projection.version, head, '2026-12-01T00:00:00.000Z']);
  }
  await db.run(
    `INSERT INTO rm_projects (project_id, department, fiscal_year, title, category, stage, requested_fen, proposed_at, revision) VALUES ('w1', 'water-bureau', 2026, 'old', 'specific-purpose', 'results', 1, '2025-09-01', 9)`,
  );
}

const answers = async (db: ReadModelDatabase) => ({
  projects: await Promise.all([2026, 2027, 2028].map((fiscalYear) => listProjects(db, { ...page, fiscalYear }))),
  comparison: await resultsToAllocations(db, 2026),
  ledger: await accountabilityLedger(db, page, now),
});

describe.each(Object.keys(databases))('read models of the release before issue 17, on %s', (kind) => {
  it('are rebuilt from zero at their new versions, answering as a fresh database does', async () => {
    const head = await store.headPosition();
    const upgraded = await databases[kind]!();
    const fresh = await databases[kind]!();
    try {
      await installationBefore(upgraded, head);
      const runner = new ProjectionRunner(store, upgraded, readModelProjections);
      await runner.prepare();
      expect((await runner.status()).map((s) => [s.name, s.position])).toEqual(readModelProjections.map((p) => [p.name, 0]));
      await runner.catchUp();
      const rebuilt = new ProjectionRunner(store, fresh, readModelProjections);
      await rebuilt.prepare();
      await rebuilt.catchUp();
      const expected = await answers(fresh);
      expect(expected.projects.map((p) => p.items.map((r) => [r.projectId, r.fiscalYear, r.title]))).toEqual([2026, 2027, 2028].map((y) => [['w1', y, 'water-bureau continuing project']]));
      expect(await answers(upgraded)).toEqual(expected);
      const versions = await upgraded.all<{ name: string; version: number }>('SELECT name, version FROM projection_checkpoints ORDER BY name');
      expect(versions.map((v) => [v.name, Number(v.version)])).toEqual(readModelProjections.map((p) => [p.name, p.version]).sort(([a], [b]) => String(a).localeCompare(String(b))));
    } finally {
      await upgraded.close();
      await fresh.close();
    }
  }, 120_000);
});
