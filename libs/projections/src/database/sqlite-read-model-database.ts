import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Mutex } from './mutex.js';
import type { ReadModelDatabase, SqlExecutor, SqlValue } from './read-model-database.js';

const lockWaitMs = 10_000;

/**
 * Read models in one SQLite file. synchronous=NORMAL is enough here: a read-model
 * change and its checkpoint commit together, so losing the last commits on a power
 * cut only means re-applying those events, never applying one twice.
 */
export class SqliteReadModelDatabase implements ReadModelDatabase {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly mutex = new Mutex();
  private readonly executor: SqlExecutor;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Short: a connection waiting on another's write lock blocks the whole event loop while it
    // waits, so transactions retry the lock asynchronously instead (see begin()).
    this.db.pragma('busy_timeout = 5');
    // Projections update rows all over their tables; a 64 MiB page cache keeps a rebuild off the disk.
    this.db.pragma('cache_size = -65536');
    const statement = (sql: string) => {
      let prepared = this.statements.get(sql);
      if (!prepared) {
        prepared = this.db.prepare(sql);
        this.statements.set(sql, prepared);
      }
      return prepared;
    };
    const bind = (params: readonly SqlValue[]) => params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
    this.executor = {
      run: async (sql, params = []) => statement(sql).run(bind(params)).changes,
      all: async <T>(sql: string, params: readonly SqlValue[] = []) => statement(sql).all(bind(params)) as T[],
      get: async <T>(sql: string, params: readonly SqlValue[] = []) => statement(sql).get(bind(params)) as T | undefined,
    };
  }

  run(sql: string, params?: readonly SqlValue[]) {
    return this.executor.run(sql, params);
  }
  all<T>(sql: string, params?: readonly SqlValue[]) {
    return this.executor.all<T>(sql, params);
  }
  get<T>(sql: string, params?: readonly SqlValue[]) {
    return this.executor.get<T>(sql, params);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      await this.begin();
      try {
        const result = await work(this.executor);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /** BEGIN IMMEDIATE, waiting for another process's write lock without blocking this one's event loop. */
  private async begin(): Promise<void> {
    const deadline = Date.now() + lockWaitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        this.db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, 1 + attempt)));
      }
    }
  }

  async exec(ddl: string): Promise<void> {
    this.statements.clear();
    this.db.exec(ddl);
  }

  async close(): Promise<void> {
    await this.mutex.run(async () => this.db.close());
  }
}
