import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreBusyError } from '../port/errors.js';
import { withWriteLock } from './lock-wait.js';

const folder = mkdtempSync(join(tmpdir(), 'jixiao-lock-wait-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Two real connections to one WAL file: the holder keeps the write lock, the writer waits for it. */
function connections(name: string) {
  const file = join(folder, `${name}.sqlite`);
  const holder = new Database(file);
  holder.pragma('journal_mode = WAL');
  holder.exec('CREATE TABLE t (n INTEGER)');
  const writer = new Database(file);
  writer.pragma('busy_timeout = 5');
  const insert = writer.transaction((n: number) => writer.prepare('INSERT INTO t VALUES (?)').run(n));
  return { holder, writer, write: (n: number) => () => insert.immediate(n) };
}

describe('withWriteLock', () => {
  it('waits for the lock between turns of the event loop and writes once it is free', async () => {
    const { holder, writer, write } = connections('freed');
    holder.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    setTimeout(() => holder.exec('ROLLBACK'), 150);
    await withWriteLock(write(1), Date.now() + 2_000, 2_000);
    clearInterval(ticker);
    expect(ticks).toBeGreaterThanOrEqual(5); // the loop kept turning while the write waited
    expect(writer.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
    holder.close();
    writer.close();
  });

  it('gives up at the deadline with StoreBusyError, and nothing is written', async () => {
    const { holder, writer, write } = connections('held');
    holder.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    const error = await withWriteLock(write(1), Date.now() + 200, 200).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreBusyError);
    expect((error as StoreBusyError).retryAfterSeconds).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    holder.exec('ROLLBACK');
    expect(writer.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    holder.close();
    writer.close();
  });

  it('passes any other error straight through, without waiting', async () => {
    const error = await withWriteLock(() => {
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    }, Date.now() + 5_000, 5_000).catch((e: unknown) => e);
    expect((error as Error).message).toBe('disk I/O error');
  });
});
