import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeEventStoreContract } from '../contract/event-store.contract.js';
import { describeMonotonicRecordedAt } from '../contract/monotonic-recorded-at.contract.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const folder = mkdtempSync(join(tmpdir(), 'jixiao-sqlite-'));
const file = join(folder, 'events.sqlite');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let empties = 0;
describeEventStoreContract('sqlite', {
  open: async () => new SqliteEventStore({ file }),
  openEmpty: async () => new SqliteEventStore({ file: join(folder, `empty-${++empties}.sqlite`) }),
  // A second connection, as someone with the file would: drop the guard, edit, restore it.
  tamper: async (position, how) => {
    const db = new Database(file);
    try {
      db.exec('DROP TRIGGER events_append_only_update');
      const edit =
        how === 'edit-data'
          ? `UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = ?`
          : `UPDATE events SET data = substr(data, 2) WHERE position = ?`;
      expect(db.prepare(edit).run(position).changes).toBe(1);
      db.exec(`CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
               BEGIN SELECT RAISE(ABORT, 'events are append-only'); END`);
    } finally {
      db.close();
    }
  },
});

describe('sqlite adapter', () => {
  it('refuses updates and deletes through SQLite', async () => {
    const store = new SqliteEventStore({ file: join(folder, 'guard.sqlite') });
    await store.append('guarded', [{ id: crypto.randomUUID(), type: 'A', schemaVersion: 1, data: {}, metadata: {} }], 'no_stream');
    await store.close();
    const db = new Database(join(folder, 'guard.sqlite'));
    expect(() => db.exec(`UPDATE events SET type = 'B'`)).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM events')).toThrow(/append-only/);
    db.close();
  });

  it('keeps its events across a reopen', async () => {
    const path = join(folder, 'reopen.sqlite');
    const first = new SqliteEventStore({ file: path });
    const id = crypto.randomUUID();
    await first.append('kept', [{ id, type: 'A', schemaVersion: 1, data: { n: 1 }, metadata: {} }], 'no_stream');
    await first.close();
    const second = new SqliteEventStore({ file: path });
    const events = [];
    for await (const e of second.readStream('kept')) events.push(e);
    expect(events.map((e) => e.id)).toEqual([id]);
    await second.close();
  });
});

describeMonotonicRecordedAt('sqlite', {
  open: async (clock) => new SqliteEventStore({ file: join(folder, 'monotonic.sqlite'), clock }),
  globalOrder: true,
});
