import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describeEventStoreContract } from '../contract/event-store.contract.js';
import { describeMonotonicRecordedAt } from '../contract/monotonic-recorded-at.contract.js';
import { eventHash, genesisHash } from '../hash-chain/event-hash.js';
import { verifyChains } from '../hash-chain/verify-chains.js';
import { StoreBusyError, WrongExpectedRevisionError } from '../port/errors.js';
import type { NewEvent, StoredEvent } from '../port/event-store.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { lockNamespace, migrate, schemaLockKey, schemaVersion } from './schema.js';
import { startTestPostgres, type TestPostgres } from './test-database.js';

let db: TestPostgres;
beforeAll(async () => {
  db = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await db?.stop();
});

const event = (type = 'Something', data: Record<string, unknown> = {}): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: { actor: 'pg-spec' },
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function withClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

let empties = 0;
describeEventStoreContract('postgres', {
  open: () => PostgresEventStore.open({ url: db.url, schema: 'contract' }),
  openEmpty: () => PostgresEventStore.open({ url: db.url, schema: `contract_empty_${++empties}` }),
  // As someone with database access would: switch the append-only guard off, edit, switch it back on.
  tamper: (position, how) =>
    withClient(async (client) => {
      await client.query('BEGIN');
      await client.query('ALTER TABLE contract.events DISABLE TRIGGER events_append_only');
      const edit =
        how === 'edit-data'
          ? `UPDATE contract.events SET data = jsonb_set(data::jsonb, '{tampered}', '1')::text WHERE position = $1`
          : `UPDATE contract.events SET data = substr(data, 2) WHERE position = $1`;
      expect((await client.query(edit, [position])).rowCount).toBe(1);
      await client.query('ALTER TABLE contract.events ENABLE TRIGGER events_append_only');
      await client.query('COMMIT');
    }),
});

describe('postgres adapter', () => {
  it('never lets a later append become visible before an overlapping earlier one commits', async () => {
    const schema = 'overlap';
    const store = await PostgresEventStore.open({ url: db.url, schema, pollMs: 10 });
    try {
      await store.append('warm-up', [event()], 'no_stream');
      const checkpoint = await store.headPosition();
      const controller = new AbortController();
      const followed: StoredEvent[] = [];
      const follower = (async () => {
        for await (const e of store.subscribeToAll({ after: checkpoint, signal: controller.signal })) {
          followed.push(e);
          if (followed.length === 2) controller.abort();
        }
      })();

      // Writer A: a second connection that writes exactly as the store does, then stalls before COMMIT.
      const slow = new pg.Client({ connectionString: db.url });
      await slow.connect();
      const slowEvent = event('Slow');
      try {
        await slow.query('BEGIN');
        await slow.query('SELECT pg_advisory_xact_lock($1, $2)', [lockNamespace, schemaLockKey(schema, 'append')]);
        const next = Number((await slow.query(`SELECT coalesce(max(position), 0) + 1 AS p FROM ${schema}.events`)).rows[0].p);
        const recordedAt = new Date().toISOString();
        const stored = { ...slowEvent, stream: 'overlap-slow', revision: 0, position: next, recordedAt };
        await slow.query(
          `INSERT INTO ${schema}.events (position, stream, revision, id, type, schema_version, data, metadata, recorded_at, hash)
           VALUES ($1, $2, 0, $3, $4, 1, $5, $6, $7, $8)`,
          [next, stored.stream, slowEvent.id, slowEvent.type, JSON.stringify(slowEvent.data),
            JSON.stringify(slowEvent.metadata), recordedAt, eventHash(genesisHash, stored)],
        );

        // Writer B, the store itself, starts while A is open and must wait for it.
        let fastDone = false;
        const fastEvent = event('Fast');
        const fast = store.append('overlap-fast', [fastEvent], 'no_stream').finally(() => {
          fastDone = true;
        });
        await new Promise((r) => setTimeout(r, 400));
        expect(fastDone).toBe(false);
        expect(await store.headPosition()).toBe(checkpoint);
        expect(await collect(store.readAll({ after: checkpoint }))).toEqual([]);
        expect(followed).toEqual([]);

        await slow.query('COMMIT');
        const result = await fast;
        expect(result.position).toBe(next + 1);
        await follower;
        expect(followed.map((e) => [e.id, e.position])).toEqual([
          [slowEvent.id, next],
          [fastEvent.id, next + 1],
        ]);
        expect((await collect(store.readAll({ after: checkpoint }))).map((e) => e.id)).toEqual([
          slowEvent.id,
          fastEvent.id,
        ]);
        expect((await verifyChains(store)).ok).toBe(true);
      } finally {
        controller.abort();
        await slow.end();
      }
    } finally {
      await store.close();
    }
  });

  it('keeps exact revisions and gapless positions with two stores appending at once', async () => {
    const schema = 'two_writers';
    const [a, b] = await Promise.all([
      PostgresEventStore.open({ url: db.url, schema, maxConnections: 4 }),
      PostgresEventStore.open({ url: db.url, schema, maxConnections: 4 }),
    ]);
    try {
      const shared = 'shared-stream';
      await a.append(shared, [event()], 'no_stream');
      let wins = 0;
      const own = async (store: PostgresEventStore, label: string) => {
        const names = Array.from({ length: 8 }, (_, i) => `${label}-${i}`);
        for (let round = 0; round < 5; round++) {
          await Promise.all(names.map((n) => store.append(n, [event('Own', { round })], round === 0 ? 'no_stream' : round - 1)));
        }
        return names;
      };
      const race = async () => {
        for (let round = 0; round < 15; round++) {
          const expected = round;
          const outcomes = await Promise.allSettled([
            a.append(shared, [event('A')], expected),
            b.append(shared, [event('B')], expected),
          ]);
          const won = outcomes.filter((o) => o.status === 'fulfilled');
          const lost = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
          expect(won).toHaveLength(1);
          expect(lost[0]!.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(lost[0]!.reason).toMatchObject({ expected, actual: expected + 1 });
          wins++;
        }
      };
      const [namesA, namesB] = await Promise.all([own(a, 'a'), own(b, 'b'), race()]);

      const all = await collect(a.readAll({ batchSize: 17 }));
      expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
      expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
      expect(all).toHaveLength(1 + wins + 2 * 8 * 5);
      for (const name of [...namesA!, ...namesB!]) {
        expect((await collect(b.readStream(name))).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      }
      expect((await collect(b.readStream(shared))).map((e) => e.revision)).toEqual(
        Array.from({ length: 16 }, (_, i) => i),
      );
      const report = await verifyChains(b);
      expect(report).toMatchObject({ ok: true, eventsChecked: all.length });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('migrates once and keeps data across restarts, also when two stores start together', async () => {
    const schema = 'migrations';
    const [first, second] = await Promise.all([
      PostgresEventStore.open({ url: db.url, schema }),
      PostgresEventStore.open({ url: db.url, schema }),
    ]);
    const written = event();
    await first.append('kept', [written], 'no_stream');
    await Promise.all([first.close(), second.close()]);

    const again = await PostgresEventStore.open({ url: db.url, schema });
    try {
      expect((await collect(again.readStream('kept'))).map((e) => e.id)).toEqual([written.id]);
      const pool = new pg.Pool({ connectionString: db.url, max: 1 });
      try {
        expect(await migrate(pool, schema)).toEqual([]);
        const { rows } = await pool.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
        expect(rows.map((r) => r.version)).toEqual(Array.from({ length: schemaVersion }, (_, i) => i + 1));
      } finally {
        await pool.end();
      }
    } finally {
      await again.close();
    }
  });

  it('refuses updates and deletes through SQL', async () => {
    const store = await PostgresEventStore.open({ url: db.url, schema: 'guarded' });
    await store.append('guarded', [event()], 'no_stream');
    await store.close();
    await withClient(async (client) => {
      await expect(client.query(`UPDATE guarded.events SET type = 'B'`)).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM guarded.events')).rejects.toThrow(/append-only/);
      await expect(client.query('TRUNCATE guarded.events')).rejects.toThrow(/append-only/);
    });
  });

  it('gives up on the append lock after lockWaitMs with StoreBusyError, writing nothing', async () => {
    const store = await PostgresEventStore.open({ url: db.url, schema: 'busy', lockWaitMs: 300 });
    try {
      await store.append('b', [event()], 'no_stream');
      await withClient(async (client) => {
        // Another writer holds the append lock in an open transaction.
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [lockNamespace, schemaLockKey('busy', 'append')]);
        const started = Date.now();
        const error = await store.append('b', [event()], 0).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreBusyError);
        expect(Date.now() - started).toBeGreaterThanOrEqual(250);
        await client.query('ROLLBACK');
      });
      expect(await store.streamRevision('b')).toBe(0);
      expect((await store.append('b', [event()], 0)).nextExpectedRevision).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('reports a row whose data is valid JSON but not an object as corrupt, with its place', async () => {
    const store = await PostgresEventStore.open({ url: db.url, schema: 'corrupt' });
    try {
      const { position } = await store.append('c', [event('A', { ok: true })], 'no_stream');
      await withClient(async (client) => {
        await client.query('ALTER TABLE corrupt.events DISABLE TRIGGER events_append_only');
        await client.query(`UPDATE corrupt.events SET data = '[1,2]' WHERE position = $1`, [position]);
        await client.query('ALTER TABLE corrupt.events ENABLE TRIGGER events_append_only');
      });
      const report = await verifyChains(store);
      expect(report.ok).toBe(false);
      expect(report.firstBreak).toMatchObject({ position, stream: 'c', revision: 0 });
      expect(report.firstBreak!.reason).toMatch(/corrupt/);
    } finally {
      await store.close();
    }
  });
});

describeMonotonicRecordedAt('postgres', {
  open: (clock) => PostgresEventStore.open({ url: db.url, schema: 'monotonic', clock }),
  globalOrder: true,
});
