import type { ReadModelDatabase, SqlExecutor } from '../database/read-model-database.js';

export interface Checkpoint {
  readonly name: string;
  readonly version: number;
  readonly position: number;
}

/** Where each projection has got to, stored beside its tables so both commit together. */
export class Checkpoints {
  constructor(private readonly db: ReadModelDatabase) {}

  async ensureTable(): Promise<void> {
    await this.db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY,
      version INTEGER NOT NULL,
      position BIGINT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
  }

  async all(): Promise<Checkpoint[]> {
    return this.db.all<Checkpoint>('SELECT name, version, position FROM projection_checkpoints ORDER BY name');
  }

  async get(name: string): Promise<Checkpoint | undefined> {
    return this.db.get<Checkpoint>('SELECT name, version, position FROM projection_checkpoints WHERE name = ?', [name]);
  }

  /**
   * The positions as committed, read inside a write transaction and locked until it ends
   * (SQLite's write transaction already excludes other writers; PostgreSQL needs FOR UPDATE),
   * so two runners on one database never apply the same event twice.
   */
  async lockedPositions(tx: SqlExecutor): Promise<Map<string, number>> {
    const lock = this.db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const rows = await tx.all<{ name: string; position: number }>(`SELECT name, position FROM projection_checkpoints${lock}`);
    return new Map(rows.map((r) => [r.name, Number(r.position)]));
  }

  async save(tx: SqlExecutor, checkpoint: Checkpoint, at: string): Promise<void> {
    await tx.run(
      `INSERT INTO projection_checkpoints (name, version, position, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position, updated_at = excluded.updated_at`,
      [checkpoint.name, checkpoint.version, checkpoint.position, at],
    );
  }
}
