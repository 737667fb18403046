import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectStream, type ProjectEvent } from '@jixiao/domain';
import { SqliteEventStore, type EventStore, type StoredEvent } from '@jixiao/event-store';
import { e, historyAt } from '../../../domain/src/testing/fixtures.js';
import { startTestPostgres, type TestPostgres } from '../../../event-store/src/postgres/test-database.js';
import { PostgresReadModelDatabase } from '../database/postgres-read-model-database.js';
import type { ReadModelDatabase } from '../database/read-model-database.js';
import { SqliteReadModelDatabase } from '../database/sqlite-read-model-database.js';
import { deviationsProjection } from '../read-models/deviations/deviations.projection.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';

/*
 * Issue 11, case 3: one event a read model cannot apply. Before the fix the runner threw
 * out of its loop (an unhandled rejection: the api exited with code 1, and again on every
 * restart) and no project's later events reached the read model. Now the event is parked
 * with that project's later events; other projects go on; a retry after the fix, or a
 * rebuild, gives what a rebuild from zero gives. Run on SQLite and on PostgreSQL.
 */
const folder = mkdtempSync(join(tmpdir(), 'jixiao-parking-'));
let postgres: TestPostgres | undefined;
let schemas = 0;
afterAll(async () => {
  await postgres?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const databases: Record<string, () => Promise<ReadModelDatabase>> = {
  sqlite: async () => new SqliteReadModelDatabase(join(folder, `rm-${randomUUID()}.sqlite`)),
  postgres: async () => {
    postgres ??= await startTestPostgres();
    return PostgresReadModelDatabase.open(postgres.url, `parking_${++schemas}`);
  },
};

const asStored = (event: ProjectEvent) => ({ id: randomUUID(), type: event.type, schemaVersion: event.schemaVersion, data: event.data as never, metadata: {} });
async function append(store: EventStore, projectId: string, events: ProjectEvent[]): Promise<void> {
  const revision = await store.streamRevision(projectStream(projectId));
  await store.append(projectStream(projectId), events.map((x) => asStored({ ...x, data: x.type === 'ProjectProposed' ? { ...x.data, projectId } : x.data } as ProjectEvent)), revision ?? 'no_stream');
}
/** A flag whose gap was Infinity when decided: JSON stores it as null, and the column is NOT NULL. */
const infiniteGap = (deviationId: string) => {
  const flagged = e.deviationFlagged(deviationId);
  return { ...flagged, data: { ...flagged.data, gap: null } } as unknown as ProjectEvent;
};

/** The deviations read model, or it "after the fix" (here: a null gap read as the largest finite gap). */
const deviations = (fixed: () => boolean): Projection => ({
  ...deviationsProjection,
  handlers: {
    ...deviationsProjection.handlers,
    DeviationFlagged: (event: StoredEvent, tx) =>
      deviationsProjection.handlers['DeviationFlagged']!(fixed() && event.data['gap'] === null ? { ...event, data: { ...event.data, gap: Number.MAX_VALUE } } : event, tx),
  },
});
const rows = (db: ReadModelDatabase) =>
  db.all<Record<string, unknown>>('SELECT project_id, deviation_id, level, gap, status, cause FROM rm_deviations ORDER BY project_id, deviation_id');

describe.each(Object.keys(databases))('a read model that cannot apply an event, on %s (issue 11)', (kind) => {
  it('parks it with the same project\'s later events, goes on with the others, and a retry after the fix equals a rebuild from zero', async () => {
    const store = new SqliteEventStore({ file: join(folder, `events-${randomUUID()}.sqlite`), durability: 'normal' });
    await append(store, 'bad', historyAt.executing);
    await append(store, 'good', historyAt.executing);
    await append(store, 'bad', [infiniteGap('d1')]);
    await append(store, 'good', [e.deviationFlagged('d1')]);
    await append(store, 'bad', [e.deviationExplained('d1')]);
    await append(store, 'good', [e.deviationExplained('d1')]);

    let fixed = false;
    const db = await databases[kind]!();
    const parkedSeen: number[] = [];
    const runner = new ProjectionRunner(store, db, [deviations(() => fixed)], { batchSize: 7, onParked: (p) => parkedSeen.push(p.position) });
    await runner.prepare();
    await runner.catchUp();

    // The good project is current; the bad one's flag and its later explanation are parked.
    expect((await rows(db)).map((r) => [r['project_id'], r['status']])).toEqual([['good', 'explained']]);
    const parked = await runner.parked.list();
    expect(parked.map((p) => [p.key, p.error.includes('held back')])).toEqual([['bad', false], ['bad', true]]);
    expect(parked[0]!.error).toMatch(/NOT NULL|null value/i);
    expect(parkedSeen).toEqual([parked[0]!.position]);
    const [status] = await runner.status();
    expect(status).toMatchObject({ name: 'deviations', lag: 0, parked: 2, parkedFrom: parked[0]!.position });

    // A later event of the parked project is held back too; another project's is applied.
    await append(store, 'bad', [e.deviationFlagged('d2')]);
    await append(store, 'good', [e.deviationFlagged('d2')]);
    await runner.catchUp();
    expect((await runner.parked.list()).map((p) => p.key)).toEqual(['bad', 'bad', 'bad']);
    expect((await rows(db)).map((r) => `${r['project_id']}/${r['deviation_id']}`)).toEqual(['good/d1', 'good/d2']);

    // Retrying before the fix changes nothing; after it, every parked event applies in order.
    expect(await runner.retryParked()).toEqual({ applied: 0, stillFailing: 1 });
    expect(await runner.parked.list()).toHaveLength(3);
    fixed = true;
    expect(await runner.retryParked()).toEqual({ applied: 1, stillFailing: 0 });
    expect(await runner.parked.list()).toEqual([]);
    expect((await runner.status())[0]).toMatchObject({ parked: 0, parkedFrom: null });

    // Equals a rebuild from zero (with the fix) on a fresh database...
    const fresh = await databases[kind]!();
    const rebuilt = new ProjectionRunner(store, fresh, [deviations(() => true)]);
    await rebuilt.prepare();
    await rebuilt.catchUp();
    const expected = await rows(fresh);
    expect(expected.map((r) => `${r['project_id']}/${r['deviation_id']}:${r['status']}`)).toEqual(['bad/d1:explained', 'bad/d2:open', 'good/d1:explained', 'good/d2:open']);
    expect(await rows(db)).toEqual(expected);
    // ...and to a rebuild in place, which also forgets whatever was parked.
    await runner.reset(runner.projections[0]!);
    await runner.catchUp();
    expect(await rows(db)).toEqual(expected);
    await fresh.close();
    await db.close();
    await store.close();
  });
});

describe('the projection loop (issue 11)', () => {
  // Before: step() threw out of start()'s loop; the rejection was unhandled and the process exited.
  it('catches a failing step, reports it, backs off and goes on', async () => {
    const store = new SqliteEventStore({ file: join(folder, `loop-${randomUUID()}.sqlite`), durability: 'normal' });
    await append(store, 'p', historyAt.executing);
    let failures = 2;
    const flaky: EventStore = Object.create(store, {
      readAll: {
        value: (...args: Parameters<EventStore['readAll']>) => {
          if (failures-- > 0) throw new Error('database is locked');
          return store.readAll(...args);
        },
      },
    });
    const errors: string[] = [];
    const db = new SqliteReadModelDatabase(join(folder, `loop-rm-${randomUUID()}.sqlite`));
    const runner = new ProjectionRunner(flaky, db, [deviationsProjection], { idleMs: 5, retryBaseMs: 5, onError: (error) => errors.push((error as Error).message) });
    await runner.prepare();
    runner.start();
    await runner.waitFor(await store.headPosition(), 5000);
    await runner.stop();
    expect(errors).toEqual(['database is locked', 'database is locked']);
    expect(await db.all('SELECT project_id FROM rm_deviation_projects')).toEqual([{ project_id: 'p' }]);
    await db.close();
    await store.close();
  });
});
