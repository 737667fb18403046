import type { EventStore, StoredEvent } from '@jixiao/event-store';
import type { ReadModelDatabase, SqlExecutor } from '../database/read-model-database.js';
import { Checkpoints } from './checkpoints.js';
import { ParkedEvents, parkingKey, type ParkedEvent } from './parked-events.js';
import type { Projection } from './projection.js';
import { upcastStored } from './upcast-stored.js';

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly position: number;
  readonly head: number;
  readonly lag: number;
  /** Events this projection parked (issue 11), and the position of the oldest (null when none). */
  readonly parked: number;
  readonly parkedFrom: number | null;
}

export interface RunnerOptions {
  /** Events per transaction. Larger batches rebuild faster; smaller ones show changes sooner. */
  readonly batchSize?: number;
  /** How long to wait before looking again once caught up. */
  readonly idleMs?: number;
  readonly clock?: () => Date;
  /** Called when a background step fails (it is retried after a back-off) and when an event is parked. */
  readonly onError?: (error: unknown) => void;
  readonly onParked?: (parked: ParkedEvent) => void;
  /** First back-off after a failed step, doubled per consecutive failure up to retryMaxMs; 250 ms and 30 s by default. */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
}

/** A handler threw: the batch is applied again event by event, parking what still fails. */
class HandlerFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('a projection handler failed');
  }
}

const describe = (error: unknown) => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
};

/**
 * Feeds the global event order to a set of projections. Each batch of events and
 * every projection's new checkpoint commit in one read-model transaction, so a crash
 * mid-batch rolls both back and the restart resumes exactly where the last commit
 * stopped: no event applied twice, none skipped. The log is read once for all of
 * them, from the lowest checkpoint; a projection that is ahead skips what it has seen.
 *
 * One bad event never stops the others (issue 11). When a handler throws, the batch is
 * rolled back and applied again event by event, each in a savepoint: an event that still
 * fails is parked with its error, and that projection's later events with the same key
 * (project) are parked behind it, so the project's rows never see them out of order.
 * Other keys and other projections go on. `retryParked` applies a key's parked events
 * in order once the cause is fixed; `reset` (rebuild) forgets them and starts from zero.
 * The background loop catches every error, reports it, backs off and goes on.
 */
export class ProjectionRunner {
  private readonly checkpoints: Checkpoints;
  readonly parked: ParkedEvents;
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
    this.parked = new ParkedEvents(db);
    this.batchSize = options.batchSize ?? 1000;
    this.idleMs = options.idleMs ?? 20;
    this.clock = options.clock ?? (() => new Date());
    this.options = options;
  }

  private readonly options: RunnerOptions;

  /** Creates tables, rebuilding any projection whose stored version differs from its code. */
  async prepare(): Promise<void> {
    await this.checkpoints.ensureTable();
    await this.parked.ensureTable();
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
      // A rebuild applies every event again, parked ones included.
      await this.parked.clear(tx, projection.name);
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
    let committed: Map<string, number>;
    try {
      committed = await this.apply(batch, false);
    } catch (error) {
      if (!(error instanceof HandlerFailed)) throw error;
      committed = await this.apply(batch, true);
    }
    for (const projection of this.projections) {
      this.positions.set(projection.name, Math.max(last, committed.get(projection.name) ?? 0));
    }
    this.head = Math.max(this.head, last);
    this.wakeWaiters(this.lowest());
    return batch.length;
  }

  /**
   * Applies a batch and moves the checkpoints in one transaction. Carefully: each event in
   * a savepoint, parking what fails; otherwise straight, a handler's error undoing the batch.
   */
  private async apply(batch: readonly StoredEvent[], carefully: boolean): Promise<Map<string, number>> {
    const last = batch[batch.length - 1]!.position;
    const now = this.clock().toISOString();
    const newlyParked: ParkedEvent[] = [];
    const committed = await this.db.transaction(async (tx) => {
      // Another runner on this database (an api beside a worker) may have applied part of the batch.
      const committed = await this.checkpoints.lockedPositions(tx);
      const parkedKeys = await this.parked.keys(tx);
      for (const projection of this.projections) {
        const seen = Math.max(this.positions.get(projection.name) ?? 0, committed.get(projection.name) ?? 0);
        if (seen >= last) continue;
        const held = parkedKeys.get(projection.name) ?? new Set<string>();
        for (const event of batch) {
          if (event.position <= seen) continue;
          const handler = projection.handlers[event.type];
          if (!handler) continue;
          const key = parkingKey(event);
          if (held.has(key)) {
            const row = { projection: projection.name, position: event.position, eventId: event.id, key, error: 'held back behind an earlier parked event of the same key', parkedAt: now };
            await this.parked.park(tx, row);
            continue;
          }
          if (!carefully) {
            try {
              await handler(event, tx);
            } catch (error) {
              throw new HandlerFailed(error);
            }
            continue;
          }
          const error = await this.inSavepoint(tx, () => handler(event, tx));
          if (error === undefined) continue;
          const row = { projection: projection.name, position: event.position, eventId: event.id, key, error: describe(error), parkedAt: now };
          await this.parked.park(tx, row);
          newlyParked.push(row);
          held.add(key);
        }
        await this.checkpoints.save(tx, { name: projection.name, version: projection.version, position: last }, now);
      }
      return committed;
    });
    for (const row of newlyParked) this.report(() => this.options.onParked?.(row));
    return committed;
  }

  /** Runs work in a savepoint: undone alone when it throws, and the error returned. */
  private async inSavepoint(tx: SqlExecutor, work: () => Promise<void>): Promise<unknown> {
    await tx.run('SAVEPOINT projection_event', []);
    try {
      await work();
    } catch (error) {
      await tx.run('ROLLBACK TO SAVEPOINT projection_event', []);
      await tx.run('RELEASE SAVEPOINT projection_event', []);
      return error ?? new Error('a handler threw nothing');
    }
    await tx.run('RELEASE SAVEPOINT projection_event', []);
    return undefined;
  }

  /**
   * Applies each parked key's events again, in order, one transaction per key: a key whose
   * events all apply leaves the parked list; one that still fails stays, with the new error.
   * The checkpoint lock is taken first, so a runner cannot apply that key's next event between.
   * Resolves to how many keys were cleared and how many still fail.
   */
  async retryParked(projectionName?: string): Promise<{ applied: number; stillFailing: number }> {
    let applied = 0;
    let stillFailing = 0;
    for (const projection of this.projections.filter((p) => projectionName === undefined || p.name === projectionName)) {
      const rows = await this.parked.list(projection.name);
      const keys = [...new Set(rows.map((r) => r.key))];
      for (const key of keys) {
        const positions = rows.filter((r) => r.key === key).map((r) => r.position);
        const events: StoredEvent[] = [];
        for (const position of positions) {
          for await (const event of this.store.readAll({ after: position - 1, maxCount: 1 })) events.push(upcastStored(event));
        }
        try {
          await this.db.transaction(async (tx) => {
            await this.checkpoints.lockedPositions(tx);
            for (const event of events) await projection.handlers[event.type]?.(event, tx);
            await this.parked.clear(tx, projection.name, key);
          });
          applied++;
        } catch (error) {
          stillFailing++;
          const first = rows.find((r) => r.key === key)!;
          await this.db.transaction((tx) => this.parked.park(tx, { ...first, error: describe(error), parkedAt: this.clock().toISOString() }));
        }
      }
    }
    return { applied, stillFailing };
  }

  private report(call: () => void): void {
    try {
      call();
    } catch {
      // A failing logger must not stop the runner.
    }
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
      let failures = 0;
      while (!this.stopping) {
        try {
          const read = await this.step();
          failures = 0;
          if (read === 0) {
            this.head = await this.store.headPosition();
            await new Promise((resolve) => setTimeout(resolve, this.idleMs));
          }
        } catch (error) {
          // The api keeps serving: report, back off (doubling up to a bound) and go on.
          failures++;
          this.report(() => this.options.onError?.(error));
          const backOff = Math.min(this.options.retryMaxMs ?? 30_000, (this.options.retryBaseMs ?? 250) * 2 ** Math.min(failures - 1, 20));
          await new Promise((resolve) => setTimeout(resolve, Math.max(this.idleMs, backOff)));
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
    const parked = await this.parked.summaries();
    return this.projections.map((p) => {
      const position = this.positions.get(p.name) ?? 0;
      const summary = parked.get(p.name);
      return { name: p.name, version: p.version, position, head, lag: Math.max(0, head - position), parked: summary?.count ?? 0, parkedFrom: summary?.firstPosition ?? null };
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
