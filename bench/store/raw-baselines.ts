import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { rate } from './measure.js';
import { appendsPerStream, readingEvent, replayEvents, streamName, streams } from './workload.js';

/**
 * What the bare drivers do at the same durability: one INSERT per event in its own
 * transaction into a table shaped like ours (same columns, same unique indexes),
 * and a keyset read of every row. No revision checks, no hashing, no batching.
 */
export interface BaselineFigures {
  readonly w1EventsPerSec: number;
  readonly w3EventsPerSec: number;
}

const tableSql = (json: string) => `
  CREATE TABLE raw_events (
    position BIGINT PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL, id TEXT NOT NULL,
    type TEXT NOT NULL, schema_version INTEGER NOT NULL, data ${json} NOT NULL, metadata ${json} NOT NULL,
    recorded_at TEXT NOT NULL, hash TEXT NOT NULL);
  CREATE UNIQUE INDEX raw_events_stream_revision ON raw_events (stream, revision);
  CREATE UNIQUE INDEX raw_events_id ON raw_events (id);`;

function rowFor(position: number, s: number, r: number): unknown[] {
  const e = readingEvent(s, r);
  return [position, streamName(s), r, e.id, e.type, e.schemaVersion, JSON.stringify(e.data),
    JSON.stringify(e.metadata), new Date().toISOString(), randomUUID()];
}
const insertSql = (p: (i: number) => string) =>
  `INSERT INTO raw_events VALUES (${Array.from({ length: 10 }, (_, i) => p(i + 1)).join(', ')})`;

export async function sqliteBaseline(file: string): Promise<BaselineFigures> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(tableSql('TEXT'));
  const insert = db.prepare(insertSql(() => '?'));
  let position = 0;
  const w1EventsPerSec = await rate(streams * appendsPerStream, () => {
    for (let s = 0; s < streams; s++) {
      for (let r = 0; r < appendsPerStream; r++) insert.run(rowFor(++position, s, r));
    }
  });
  db.transaction(() => {
    while (position < replayEvents) insert.run(rowFor(++position, streams + position, 0));
  })();
  let read = 0;
  const select = db.prepare('SELECT * FROM raw_events WHERE position > ? ORDER BY position LIMIT 1000').raw();
  const w3EventsPerSec = await rate(replayEvents, () => {
    let after = 0;
    for (;;) {
      const rows = select.all(after) as unknown[][];
      if (rows.length === 0) break;
      read += rows.length;
      after = rows[rows.length - 1]![0] as number;
    }
  });
  db.close();
  if (read !== replayEvents) throw new Error(`sqlite baseline read ${read} rows`);
  return { w1EventsPerSec, w3EventsPerSec };
}

export async function postgresBaseline(url: string): Promise<BaselineFigures> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS raw_events');
    await client.query(tableSql('JSONB'));
    const sql = insertSql((i) => `$${i}`);
    let position = 0;
    const w1EventsPerSec = await rate(streams * appendsPerStream, async () => {
      for (let s = 0; s < streams; s++) {
        for (let r = 0; r < appendsPerStream; r++) await client.query(sql, rowFor(++position, s, r));
      }
    });
    await client.query('BEGIN');
    while (position < replayEvents) await client.query(sql, rowFor(++position, streams + position, 0));
    await client.query('COMMIT');
    let read = 0;
    const w3EventsPerSec = await rate(replayEvents, async () => {
      let after = 0;
      for (;;) {
        const { rows } = await client.query({
          text: 'SELECT * FROM raw_events WHERE position > $1 ORDER BY position LIMIT 1000',
          values: [after],
          rowMode: 'array',
        });
        if (rows.length === 0) break;
        read += rows.length;
        after = Number(rows[rows.length - 1][0]);
      }
    });
    if (read !== replayEvents) throw new Error(`postgres baseline read ${read} rows`);
    await client.query('DROP TABLE raw_events');
    return { w1EventsPerSec, w3EventsPerSec };
  } finally {
    await client.end();
  }
}
