import type { ReadModelDatabase } from '@jixiao/projections';

/**
 * A lease in the read-model database: one row per process manager (holder, expiry).
 * Acquiring or renewing is one conditional UPDATE — it succeeds only for the holder or
 * once the lease has expired — so two workers never hold the same lease at once.
 */
export class Leases {
  constructor(
    private readonly db: ReadModelDatabase,
    readonly holder: string,
    private readonly clock: () => Date,
    private readonly ttlMs = 15_000,
  ) {}

  async ensureTable(): Promise<void> {
    await this.db.exec(`CREATE TABLE IF NOT EXISTS workflow_leases (
      name TEXT PRIMARY KEY,
      holder TEXT,
      expires_at BIGINT NOT NULL
    )`);
  }

  /** Takes or renews the lease; true when this holder has it until now + ttl. */
  async acquire(name: string): Promise<boolean> {
    const now = this.clock().getTime();
    await this.db.run('INSERT INTO workflow_leases (name, holder, expires_at) VALUES (?, NULL, 0) ON CONFLICT (name) DO NOTHING', [name]);
    const changed = await this.db.run('UPDATE workflow_leases SET holder = ?, expires_at = ? WHERE name = ? AND (holder = ? OR holder IS NULL OR expires_at < ?)', [
      this.holder,
      now + this.ttlMs,
      name,
      this.holder,
      now,
    ]);
    return changed === 1;
  }

  /** Still ours and unexpired (checked just before committing work under the lease). */
  async holds(name: string): Promise<boolean> {
    const row = await this.db.get<{ holder: string | null; expires_at: number }>('SELECT holder, expires_at FROM workflow_leases WHERE name = ?', [name]);
    return row?.holder === this.holder && Number(row.expires_at) >= this.clock().getTime();
  }

  async release(name: string): Promise<void> {
    await this.db.run('UPDATE workflow_leases SET holder = NULL, expires_at = 0 WHERE name = ? AND holder = ?', [name, this.holder]);
  }
}
