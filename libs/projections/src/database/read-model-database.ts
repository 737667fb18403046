/**
 * The read-model database: SQLite by default, PostgreSQL when the installation runs on
 * PostgreSQL or EventStoreDB. Projections write portable SQL with `?` placeholders; the
 * PostgreSQL adapter numbers them. Rows come back as plain objects.
 */
export type SqlValue = string | number | boolean | null;

export interface SqlExecutor {
  /** Runs a statement; resolves to the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
}

export interface ReadModelDatabase extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction: all of it is committed, or none. Transactions never interleave. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs DDL (several statements allowed). */
  exec(ddl: string): Promise<void>;
  close(): Promise<void>;
}
