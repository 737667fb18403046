/**
 * npm run bench:store — issue 2's fixed store workloads against SQLite and PostgreSQL,
 * each beside the raw driver baseline at the same durability. Prints a table and
 * writes bench/results/store.json.
 *
 * PostgreSQL: DATABASE_URL if set, otherwise an embedded server started here.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore, SqliteEventStore } from '@jixiao/event-store';
import { startTestPostgres } from '../../libs/event-store/src/postgres/test-database.js';
import type { Measurement } from './measure.js';
import { postgresBaseline, sqliteBaseline, type BaselineFigures } from './raw-baselines.js';
import { runStoreWorkloads, type WorkloadFigures } from './store-workloads.js';

const log = (line: string) => console.log(`  · ${line}`);

function measurements(adapter: string, ours: WorkloadFigures, raw: BaselineFigures, baseline: string): Measurement[] {
  return [
    { workload: 'W1 sequential', adapter, eventsPerSec: ours.w1EventsPerSec, p99Ms: null, baseline, baselineEventsPerSec: raw.w1EventsPerSec },
    { workload: 'W2 concurrent', adapter, eventsPerSec: ours.w2EventsPerSec, p99Ms: ours.w2P99Ms, baseline: null, baselineEventsPerSec: null },
    { workload: 'W3 replay', adapter, eventsPerSec: ours.w3EventsPerSec, p99Ms: null, baseline, baselineEventsPerSec: raw.w3EventsPerSec },
  ];
}

async function benchSqlite(folder: string): Promise<Measurement[]> {
  console.log('SQLite (WAL, synchronous=FULL)');
  const store = new SqliteEventStore({ file: join(folder, 'events.sqlite') });
  const ours = await runStoreWorkloads(store, log);
  await store.close();
  log('raw better-sqlite3 baseline');
  const raw = await sqliteBaseline(join(folder, 'raw.sqlite'));
  return measurements('sqlite', ours, raw, 'better-sqlite3, one INSERT per transaction, WAL synchronous=FULL');
}

async function benchPostgres(): Promise<Measurement[]> {
  // Durable: fsync on and synchronous_commit on (the defaults), like the SQLite side.
  const database = await startTestPostgres({ durable: true });
  try {
    console.log(`PostgreSQL (${process.env['DATABASE_URL'] ? 'DATABASE_URL' : 'embedded server'}, fsync on)`);
    const store = await PostgresEventStore.open({ url: database.url });
    const ours = await runStoreWorkloads(store, log);
    await store.close();
    log('raw pg baseline');
    const raw = await postgresBaseline(database.url);
    return measurements('postgres', ours, raw, 'pg, one INSERT per transaction, synchronous_commit=on');
  } finally {
    await database.stop();
  }
}

function printTable(rows: Measurement[]): void {
  console.log();
  console.table(
    rows.map((m) => ({
      workload: m.workload,
      adapter: m.adapter,
      'events/s': m.eventsPerSec,
      'p99 ms': m.p99Ms ?? '',
      'raw events/s': m.baselineEventsPerSec ?? '',
      'vs raw': m.baselineEventsPerSec ? (m.eventsPerSec / m.baselineEventsPerSec).toFixed(2) : '',
    })),
  );
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'jixiao-bench-store-'));
  try {
    const rows = [...(await benchSqlite(folder)), ...(await benchPostgres())];
    printTable(rows);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/store.json', JSON.stringify(rows, null, 2) + '\n');
    console.log('wrote bench/results/store.json');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
