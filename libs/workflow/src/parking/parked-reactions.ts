import type { ReadModelDatabase } from '@jixiao/projections';
import type { FailureKind } from './failure-kind.js';

/** One process manager's reaction to one event, set aside after it failed (issue 11). */
export interface ParkedReaction {
  /** `<process manager>@<global position>`: what `workflow retry <id>` takes. */
  readonly id: string;
  readonly processManager: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly position: number;
  readonly projectId: string;
  readonly failure: FailureKind;
  readonly error: string;
  readonly attempts: number;
  readonly parkedAt: string;
}

/** Process manager names hold no "@", so the id is injective in (process manager, position). */
export const parkedId = (processManager: string, position: number) => `${processManager}@${position}`;

/**
 * The workflow's parked reactions, in the read-model database beside its checkpoints.
 * A row leaves the list when a retry carries the reaction out.
 */
export class ParkedReactions {
  constructor(private readonly db: ReadModelDatabase) {}

  async ensureTable(): Promise<void> {
    await this.db.exec(`CREATE TABLE IF NOT EXISTS workflow_parked (
      id TEXT PRIMARY KEY,
      process_manager TEXT NOT NULL,
      event_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      position BIGINT NOT NULL,
      project_id TEXT NOT NULL,
      failure TEXT NOT NULL,
      error TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      parked_at TEXT NOT NULL
    )`);
  }

  async park(row: ParkedReaction): Promise<void> {
    await this.db.run(
      `INSERT INTO workflow_parked (id, process_manager, event_id, event_type, position, project_id, failure, error, attempts, parked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET failure = excluded.failure, error = excluded.error, attempts = excluded.attempts, parked_at = excluded.parked_at`,
      [row.id, row.processManager, row.eventId, row.eventType, row.position, row.projectId, row.failure, row.error, row.attempts, row.parkedAt],
    );
  }

  async list(): Promise<ParkedReaction[]> {
    const rows = await this.db.all<Record<string, unknown>>('SELECT * FROM workflow_parked ORDER BY position, process_manager');
    return rows.map(toParked);
  }

  async get(id: string): Promise<ParkedReaction | undefined> {
    const row = await this.db.get<Record<string, unknown>>('SELECT * FROM workflow_parked WHERE id = ?', [id]);
    return row ? toParked(row) : undefined;
  }

  async remove(id: string): Promise<void> {
    await this.db.run('DELETE FROM workflow_parked WHERE id = ?', [id]);
  }

  /** Parked reactions per process manager (for /metrics and /health). */
  async counts(): Promise<Map<string, number>> {
    const rows = await this.db.all<{ name: string; n: number }>('SELECT process_manager AS name, COUNT(*) AS n FROM workflow_parked GROUP BY process_manager');
    return new Map(rows.map((r) => [r.name, Number(r.n)]));
  }
}

const toParked = (r: Record<string, unknown>): ParkedReaction => ({
  id: String(r['id']),
  processManager: String(r['process_manager']),
  eventId: String(r['event_id']),
  eventType: String(r['event_type']),
  position: Number(r['position']),
  projectId: String(r['project_id']),
  failure: String(r['failure']) as FailureKind,
  error: String(r['error']),
  attempts: Number(r['attempts']),
  parkedAt: String(r['parked_at']),
});
