import type { StoredEvent } from '@jixiao/event-store';
import type { ReadModelDatabase, SqlExecutor } from '../database/read-model-database.js';

/**
 * The key an event is parked under: its project for a project stream, else its stream.
 * Read models keep rows per project, so holding back one project's later events keeps
 * its rows consistent while every other project goes on (issue 11).
 */
export const parkingKey = (event: Pick<StoredEvent, 'stream'>): string => (event.stream.startsWith('project-') ? event.stream.slice('project-'.length) : event.stream);

export interface ParkedEvent {
  readonly projection: string;
  readonly position: number;
  readonly eventId: string;
  readonly key: string;
  readonly error: string;
  readonly parkedAt: string;
}

export interface ParkedSummary {
  readonly count: number;
  /** The global position of the oldest parked event, or null when none is parked. */
  readonly firstPosition: number | null;
}

/** Events a projection could not apply, and the same key's later events held back behind them. */
export class ParkedEvents {
  constructor(private readonly db: ReadModelDatabase) {}

  async ensureTable(): Promise<void> {
    await this.db.exec(`CREATE TABLE IF NOT EXISTS projection_parked (
      projection TEXT NOT NULL,
      position BIGINT NOT NULL,
      event_id TEXT NOT NULL,
      event_key TEXT NOT NULL,
      error TEXT NOT NULL,
      parked_at TEXT NOT NULL,
      PRIMARY KEY (projection, position)
    )`);
  }

  /** The parked keys per projection, read in the applying transaction. */
  async keys(tx: SqlExecutor): Promise<Map<string, Set<string>>> {
    const rows = await tx.all<{ projection: string; event_key: string }>('SELECT DISTINCT projection, event_key FROM projection_parked');
    const out = new Map<string, Set<string>>();
    for (const r of rows) out.set(r.projection, (out.get(r.projection) ?? new Set()).add(r.event_key));
    return out;
  }

  async park(tx: SqlExecutor, row: ParkedEvent): Promise<void> {
    await tx.run(
      `INSERT INTO projection_parked (projection, position, event_id, event_key, error, parked_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (projection, position) DO UPDATE SET error = excluded.error, parked_at = excluded.parked_at`,
      [row.projection, row.position, row.eventId, row.key, row.error, row.parkedAt],
    );
  }

  async list(projection?: string): Promise<ParkedEvent[]> {
    const rows = await this.db.all<Record<string, unknown>>(
      `SELECT * FROM projection_parked${projection ? ' WHERE projection = ?' : ''} ORDER BY projection, position`,
      projection ? [projection] : [],
    );
    return rows.map((r) => ({
      projection: String(r['projection']),
      position: Number(r['position']),
      eventId: String(r['event_id']),
      key: String(r['event_key']),
      error: String(r['error']),
      parkedAt: String(r['parked_at']),
    }));
  }

  async summaries(): Promise<Map<string, ParkedSummary>> {
    const rows = await this.db.all<{ projection: string; n: number; first: number }>(
      'SELECT projection, COUNT(*) AS n, MIN(position) AS first FROM projection_parked GROUP BY projection',
    );
    return new Map(rows.map((r) => [r.projection, { count: Number(r.n), firstPosition: Number(r.first) }]));
  }

  async clear(tx: SqlExecutor, projection: string, key?: string): Promise<void> {
    if (key === undefined) await tx.run('DELETE FROM projection_parked WHERE projection = ?', [projection]);
    else await tx.run('DELETE FROM projection_parked WHERE projection = ? AND event_key = ?', [projection, key]);
  }
}
