import { InvalidStreamNameError, StreamNotFoundError, WrongExpectedRevisionError, type EventStore, type JsonObject, type StoredEvent } from '@jixiao/event-store';
import type { ReadModelDatabase } from '@jixiao/projections';
import { timerCancelled, timerFired, timerScheduled, timerStream, type TimerData } from './timer-events.js';

export type TimerOutcome = 'scheduled' | 'already-scheduled' | 'fired' | 'cancelled' | 'already-settled' | 'no-timer';

/**
 * Schedules, cancels and fires durable timers. The store decides every race: scheduling
 * appends to a new stream (no_stream), firing and cancelling append at revision 0.
 */
export class Timers {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date,
  ) {}

  async schedule(data: TimerData, metadata: JsonObject): Promise<TimerOutcome> {
    try {
      const result = await this.store.append(timerStream(data.timerId), [timerScheduled({ ...data, dueAt: new Date(data.dueAt).toISOString() }, metadata)], 'no_stream');
      return result.idempotent ? 'already-scheduled' : 'scheduled';
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return 'already-scheduled';
      throw error;
    }
  }

  async cancel(timerId: string, metadata: JsonObject): Promise<TimerOutcome> {
    const head = await this.store.streamRevision(timerStream(timerId));
    if (head === undefined) return 'no-timer';
    if (head > 0) return 'already-settled';
    try {
      const result = await this.store.append(timerStream(timerId), [timerCancelled(timerId, this.clock().toISOString(), metadata)], 0);
      return result.idempotent ? 'already-settled' : 'cancelled';
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return 'already-settled';
      throw error;
    }
  }

  /** Fires one timer if it is still only scheduled; exactly one of any racing callers wins. */
  async fire(timerId: string): Promise<TimerOutcome> {
    const scheduled = await this.first(timerId);
    if (!scheduled) return 'no-timer';
    try {
      const result = await this.store.append(
        timerStream(timerId),
        [timerFired(scheduled.data as TimerData, this.clock().toISOString(), { ...scheduled.metadata, causationId: scheduled.id })],
        0,
      );
      // Two schedulers derive the same event id: the loser's append is an idempotent no-op.
      return result.idempotent ? 'already-settled' : 'fired';
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return 'already-settled';
      throw error;
    }
  }

  /**
   * Whether a timer stored under `timerId` belongs to this process manager, project and
   * payload. Ids minted before issue 11 could collide across projects, so a reaction
   * touches a timer under its legacy id only when the stored timer is its own.
   */
  async owns(timerId: string, owner: { processManager: string; projectId: string; payload: JsonObject }): Promise<boolean> {
    const scheduled = await this.first(timerId);
    if (!scheduled) return false;
    const data = scheduled.data as TimerData;
    return (
      data.processManager === owner.processManager &&
      data.projectId === owner.projectId &&
      Object.entries(owner.payload).every(([key, value]) => JSON.stringify(data.payload?.[key]) === JSON.stringify(value))
    );
  }

  private async first(timerId: string): Promise<StoredEvent | undefined> {
    try {
      for await (const event of this.store.readStream(timerStream(timerId), { maxCount: 1 })) return event;
    } catch (error) {
      // A legacy id that is no valid stream name was never stored.
      if (error instanceof StreamNotFoundError || error instanceof InvalidStreamNameError) return undefined;
      throw error;
    }
    return undefined;
  }
}

/**
 * Finds due timers in the read-model index (kept by timersProjection) and fires them.
 * After a restart it simply looks again: a timer fired before the crash has its
 * TimerFired in the store, so the append at revision 0 refuses a second fire.
 */
export class TimerScheduler {
  constructor(
    private readonly db: ReadModelDatabase,
    private readonly timers: Timers,
    private readonly clock: () => Date,
    private readonly batchSize = 500,
  ) {}

  /** Fires every timer due now; resolves to how many this scheduler fired. */
  async fireDue(): Promise<number> {
    let fired = 0;
    for (;;) {
      const now = this.clock().toISOString();
      const due = await this.db.all<{ timer_id: string }>(
        `SELECT timer_id FROM workflow_timers WHERE status = 'scheduled' AND due_at <= ? ORDER BY due_at, timer_id LIMIT ?`,
        [now, this.batchSize],
      );
      if (due.length === 0) return fired;
      for (const { timer_id } of due) {
        const outcome = await this.timers.fire(timer_id);
        if (outcome === 'fired') fired++;
        // Settled either way; the projection records which when it reads the stream.
        await this.db.run(`UPDATE workflow_timers SET status = ? WHERE timer_id = ? AND status = 'scheduled'`, [
          outcome === 'fired' ? 'fired' : 'settled',
          timer_id,
        ]);
      }
      if (due.length < this.batchSize) return fired;
    }
  }
}
