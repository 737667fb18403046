import type { EventStore, StoredEvent } from '@jixiao/event-store';
import type { ReadModelDatabase } from '../database/read-model-database.js';
import { Checkpoints } from './checkpoints.js';
import type { Projection } from './projection.js';
import { upcastStored } from './upcast-stored.js';

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly position: number;
  readonly head: number;
  readonly lag: number;
}

export interface RunnerOptions {
  /** Events per transaction. Larger batches rebuild faster; smaller ones show changes sooner. */
  readonly batchSize?: number;
  /** How long to wait before looking again once caught up. */
  readonly idleMs?: number;
  readonly clock?: () => Date;
}

/**
 * Feeds the global event order to a set of projections. Each batch of events and
 * every projection's new checkpoint commit in one read-model transaction, so a crash
 * mid-batch rolls both back and the restart resumes exactly where the last commit
 * stopped: no event applied twice, none skipped. The log is read once for all of
 * them, from the lowest checkpoint; a projection that is ahead skips what it has seen.
 */
export class ProjectionRunner {
  private readonly checkpoints: Checkpoints;
  private readonly positions = new Map<string, number>();
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly clock: () => Date;
  private running: Promise<void> | undefined;
  private stopping = false;
  private head = 0;
  private waiters: Array<{ position: number; resolve: () => void }> = [];

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDatabase,
    readonly projections: readonly Projection[],
    options: RunnerOptions = {},
  ) {
    this.checkpoints = new Checkpoints(db);
    this.batchSize = options.batchSize ?? 1000;
    this.idleMs = options.idleMs ?? 20;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Creates tables, rebuilding any projection whose stored version differs from its code. */
  async prepare(): Promise<void> {
    await this.checkpoints.ensureTable();
    for (const projection of this.projections) {
      const stored = await this.checkpoints.get(projection.name);
      if (stored && stored.version === projection.version) {
        this.positions.set(projection.name, Number(stored.position));
      } else {
        await this.reset(projection);
      }
    }
    this.head = await this.store.headPosition();
  }

  /** Drops and recreates one projection's tables, with its checkpoint back at zero. */
  async reset(projection: Projection): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const table of projection.tables) await tx.run(`DROP TABLE IF EXISTS ${table}`);
      await this.checkpoints.save(tx, { name: projection.name, version: projection.version, position: 0 }, this.clock().toISOString());
    });
    for (const ddl of projection.schema) await this.db.exec(ddl);
    this.positions.set(projection.name, 0);
  }

  /** Processes one batch; resolves to the number of events read (0 when caught up). */
  async step(): Promise<number> {
    const from = Math.min(...this.projections.map((p) => this.positions.get(p.name) ?? 0));
    const batch: StoredEvent[] = [];
    for await (const event of this.store.readAll({ after: from, maxCount: this.batchSize, batchSize: this.batchSize })) {
      batch.push(upcastStored(event));
    }
    if (batch.length === 0) return 0;
    const last = batch[batch.length - 1]!.position;
    const now = this.clock().toISOString();
    const committed = await this.db.transaction(async (tx) => {
      // Another runner on this database (an api beside a worker) may have applied part of the batch.
      const committed = await this.checkpoints.lockedPositions(tx);
      for (const projection of this.projections) {
        const seen = Math.max(this.positions.get(projection.name) ?? 0, committed.get(projection.name) ?? 0);
        if (seen >= last) continue;
        for (const event of batch) {
          if (event.position <= seen) continue;
          const handler = projection.handlers[event.type];
          if (handler) await handler(event, tx);
        }
        await this.checkpoints.save(tx, { name: projection.name, version: projection.version, position: last }, now);
      }
      return committed;
    });
    for (const projection of this.projections) {
      this.positions.set(projection.name, Math.max(last, committed.get(projection.name) ?? 0));
    }
    this.head = Math.max(this.head, last);
    this.wakeWaiters(this.lowest());
    return batch.length;
  }

  /** Runs until every projection has reached the store's head as it was when called. */
  async catchUp(onProgress?: (position: number, head: number) => void): Promise<void> {
    const target = await this.store.headPosition();
    this.head = target;
    while (this.lowest() < target) {
      if ((await this.step()) === 0) break;
      onProgress?.(this.lowest(), target);
    }
  }

  /** Follows the log in the background until stop(). */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = (async () => {
      while (!this.stopping) {
        const read = await this.step();
        if (read === 0) {
          this.head = await this.store.headPosition();
          await new Promise((resolve) => setTimeout(resolve, this.idleMs));
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    this.running = undefined;
  }

  /** Resolves once every projection has applied the event at this position (read-your-writes). */
  waitFor(position: number, timeoutMs = 5000): Promise<void> {
    if (this.lowest() >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Read models did not reach position ${position} in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ position, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    return this.projections.map((p) => {
      const position = this.positions.get(p.name) ?? 0;
      return { name: p.name, version: p.version, position, head, lag: Math.max(0, head - position) };
    });
  }

  private lowest(): number {
    return Math.min(...this.projections.map((p) => this.positions.get(p.name) ?? 0));
  }

  private wakeWaiters(position: number): void {
    const ready = this.waiters.filter((w) => w.position <= position);
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const waiter of ready) waiter.resolve();
  }
}
