import type { ReadModelDatabase } from '@jixiao/projections';
import type { TokenUsageLedger } from './access-tokens.js';

/**
 * Last-used times of tokens, kept in the read-model database so every api process that
 * shares it contributes. Not an event: a use changes no fact an auditor needs, and one
 * event per request would swamp the log. Each process writes at most once a minute per token.
 */
export class ReadModelTokenUsage implements TokenUsageLedger {
  private ready: Promise<void> | undefined;

  constructor(private readonly db: ReadModelDatabase) {}

  private prepare(): Promise<void> {
    this.ready ??= this.db.exec('CREATE TABLE IF NOT EXISTS token_last_used (token_id TEXT PRIMARY KEY, last_used_at TEXT NOT NULL)');
    return this.ready;
  }

  async touch(tokenId: string, at: string): Promise<void> {
    await this.prepare();
    await this.db.run(
      'INSERT INTO token_last_used (token_id, last_used_at) VALUES (?, ?) ' +
        'ON CONFLICT (token_id) DO UPDATE SET last_used_at = excluded.last_used_at WHERE excluded.last_used_at > token_last_used.last_used_at',
      [tokenId, at],
    );
  }

  async lastUsed(): Promise<ReadonlyMap<string, string>> {
    await this.prepare();
    const rows = await this.db.all<{ token_id: string; last_used_at: string }>('SELECT token_id, last_used_at FROM token_last_used');
    return new Map(rows.map((row) => [row.token_id, row.last_used_at]));
  }
}
