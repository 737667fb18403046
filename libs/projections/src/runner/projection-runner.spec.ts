import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@jixiao/event-store';
import { SqliteReadModelDatabase } from '../database/sqlite-read-model-database.js';
import { ledgerProjection } from '../testing/ledger.projection.js';
import { ProjectionRunner } from './projection-runner.js';

const folder = mkdtempSync(join(tmpdir(), 'jixiao-runner-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function seed(store: EventStore, streams: number, perStream: number, prefix = 's'): Promise<void> {
  for (let s = 0; s < streams; s++) {
    const events = Array.from({ length: perStream }, (_, i) => ({ id: randomUUID(), type: 'Counted', schemaVersion: 1, data: { i }, metadata: {} }));
    await store.append(`${prefix}-${s}`, events, 'no_stream');
  }
}

async function ledger(db: SqliteReadModelDatabase): Promise<number[]> {
  return (await db.all<{ position: number }>('SELECT position FROM rm_test_ledger ORDER BY position')).map((r) => Number(r.position));
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('projection runner', () => {
  it('applies every event once and resumes from its checkpoint after a restart', async () => {
    const store = new SqliteEventStore({ file: join(folder, 'resume-events.sqlite') });
    const dbFile = join(folder, 'resume-rm.sqlite');
    await seed(store, 10, 30);
    let db = new SqliteReadModelDatabase(dbFile);
    let runner = new ProjectionRunner(store, db, [ledgerProjection()], { batchSize: 70 });
    await runner.prepare();
    await runner.step();
    await runner.step();
    expect(await ledger(db)).toEqual(range(140));
    await db.close();

    await seed(store, 5, 10, 'later');
    db = new SqliteReadModelDatabase(dbFile);
    runner = new ProjectionRunner(store, db, [ledgerProjection()], { batchSize: 70 });
    await runner.prepare();
    await runner.catchUp();
    expect(await ledger(db)).toEqual(range(350));
    expect(await runner.status()).toEqual([{ name: 'test-ledger', version: 1, position: 350, head: 350, lag: 0, parked: 0, parkedFrom: null }]);
    await db.close();
    await store.close();
  });

  it('rolls a failed batch back and applies it again event by event: a handler failing once neither skips nor repeats, and nothing is parked', async () => {
    const store = new SqliteEventStore({ file: join(folder, 'fail-events.sqlite') });
    await seed(store, 3, 20);
    const db = new SqliteReadModelDatabase(join(folder, 'fail-rm.sqlite'));
    const projection = ledgerProjection();
    let calls = 0;
    const failing = {
      ...projection,
      handlers: new Proxy({}, { get: () => async (event: never, tx: never) => {
        if (++calls === 35) throw new Error('crash in the middle of a batch');
        await projection.handlers['any']!(event, tx);
      } }) as typeof projection.handlers,
    };
    const runner = new ProjectionRunner(store, db, [failing], { batchSize: 25 });
    await runner.prepare();
    await runner.step();
    await runner.step();
    expect(calls).toBeGreaterThan(50); // the second batch ran twice: straight (failing at 35), then carefully
    expect(await ledger(db)).toEqual(range(50));
    await runner.catchUp();
    expect(await ledger(db)).toEqual(range(60));
    expect(await runner.parked.list()).toEqual([]);
    await db.close();
    await store.close();
  });

  it('survives SIGKILL in the middle of a batch: the restart neither duplicates nor skips', async () => {
    const child = join(process.cwd(), 'dist/libs/projections/src/testing/crash-child.js');
    if (!existsSync(child)) throw new Error(`Build first (npm run build): ${child} is missing`);
    const storeFile = join(folder, 'kill-events.sqlite');
    const dbFile = join(folder, 'kill-rm.sqlite');
    const store = new SqliteEventStore({ file: storeFile });
    await seed(store, 20, 20);
    const worker = fork(child, [storeFile, dbFile], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    // 2 ms per event and 50 per batch: at 230 ms the child is inside its third or fourth batch.
    await new Promise((resolve) => setTimeout(resolve, 230));
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker.once('exit', resolve));

    const db = new SqliteReadModelDatabase(dbFile);
    const applied = await ledger(db);
    expect(applied.length).toBeGreaterThan(0);
    expect(applied.length % 50).toBe(0); // only whole batches survived the kill
    expect(applied.length).toBeLessThan(400);
    const runner = new ProjectionRunner(store, db, [ledgerProjection()], { batchSize: 50 });
    await runner.prepare();
    await runner.catchUp();
    expect(await ledger(db)).toEqual(range(400));
    await db.close();
    await store.close();
  });

  it('lets two runners share one read-model database without applying an event twice', async () => {
    const store = new SqliteEventStore({ file: join(folder, 'pair-events.sqlite') });
    await seed(store, 12, 25);
    const file = join(folder, 'pair-rm.sqlite');
    const apiSide = new SqliteReadModelDatabase(file);
    const workerSide = new SqliteReadModelDatabase(file);
    const first = new ProjectionRunner(store, apiSide, [ledgerProjection()], { batchSize: 40 });
    const second = new ProjectionRunner(store, workerSide, [ledgerProjection()], { batchSize: 40 });
    await first.prepare();
    await second.prepare();
    // Both start from zero and race over the same log; the ledger's primary key would refuse a second apply.
    await Promise.all([first.catchUp(), second.catchUp()]);
    await seed(store, 2, 10, 'more');
    await Promise.all([second.catchUp(), first.catchUp()]);
    expect(await ledger(apiSide)).toEqual(range(320));
    await apiSide.close();
    await workerSide.close();
    await store.close();
  });

  it('rebuilds a projection from zero when its version changes', async () => {
    const store = new SqliteEventStore({ file: join(folder, 'version-events.sqlite') });
    await seed(store, 4, 25);
    const db = new SqliteReadModelDatabase(join(folder, 'version-rm.sqlite'));
    const v1 = new ProjectionRunner(store, db, [ledgerProjection(1)]);
    await v1.prepare();
    await v1.catchUp();
    const v2 = new ProjectionRunner(store, db, [ledgerProjection(2)]);
    await v2.prepare();
    expect(await ledger(db)).toEqual([]);
    await v2.catchUp();
    const rows = await db.all<{ version: number }>('SELECT DISTINCT version FROM rm_test_ledger');
    expect(rows.map((r) => Number(r.version))).toEqual([2]);
    expect(await ledger(db)).toEqual(range(100));
    await db.close();
    await store.close();
  });

  it('follows live appends and lets a caller wait for a position', async () => {
    const store = new SqliteEventStore({ file: join(folder, 'live-events.sqlite') });
    const db = new SqliteReadModelDatabase(join(folder, 'live-rm.sqlite'));
    const runner = new ProjectionRunner(store, db, [ledgerProjection()], { idleMs: 5 });
    await runner.prepare();
    runner.start();
    const { position } = await store.append('live', [{ id: randomUUID(), type: 'A', schemaVersion: 1, data: {}, metadata: {} }], 'no_stream');
    await runner.waitFor(position, 2000);
    expect(await ledger(db)).toEqual([position]);
    await runner.stop();
    await db.close();
    await store.close();
  });
});
