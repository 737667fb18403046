import pg from 'pg';
import type { ReadModelDatabase, SqlExecutor, SqlValue } from './read-model-database.js';

/** `?` placeholders become `$1, $2, …`; projections write one SQL for both databases. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

// COUNT and SUM come back as int8/numeric text; read models want numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** Read models in PostgreSQL, one schema of their own. */
export class PostgresReadModelDatabase implements ReadModelDatabase {
  readonly dialect = 'postgres' as const;
  private readonly sqlCache = new Map<string, string>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {}

  static async open(url: string, schema = 'read_models'): Promise<PostgresReadModelDatabase> {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name ${schema}`);
    const pool = new pg.Pool({ connectionString: url, max: 8, options: `-c search_path=${schema}` });
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    return new PostgresReadModelDatabase(pool, schema);
  }

  private text(sql: string): string {
    let text = this.sqlCache.get(sql);
    if (!text) {
      text = numberPlaceholders(sql);
      this.sqlCache.set(sql, text);
    }
    return text;
  }

  private executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
    return {
      run: async (sql, params = []) => (await client.query(this.text(sql), params as SqlValue[])).rowCount ?? 0,
      all: async <T>(sql: string, params: readonly SqlValue[] = []) => (await client.query(this.text(sql), params as SqlValue[])).rows as T[],
      get: async <T>(sql: string, params: readonly SqlValue[] = []) => (await client.query(this.text(sql), params as SqlValue[])).rows[0] as T | undefined,
    };
  }

  run(sql: string, params?: readonly SqlValue[]) {
    return this.executor(this.pool).run(sql, params);
  }
  all<T>(sql: string, params?: readonly SqlValue[]) {
    return this.executor(this.pool).all<T>(sql, params);
  }
  get<T>(sql: string, params?: readonly SqlValue[]) {
    return this.executor(this.pool).get<T>(sql, params);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(this.executor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async exec(ddl: string): Promise<void> {
    await this.pool.query(ddl);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  get schemaName(): string {
    return this.schema;
  }
}
