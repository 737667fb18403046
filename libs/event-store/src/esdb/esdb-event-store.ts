import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  type Position,
} from '@eventstore/db-client';
import { planAppends, type StoredIdentity, type StreamHead, type StoreSnapshot } from '../append/plan-appends.js';
import {
  InvalidEventError,
  RestoreTargetNotEmptyError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../port/errors.js';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  FindByIdsOptions,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
} from '../port/event-store.js';
import { defaultLimits, validateAppend, type StoreLimits } from '../port/limits.js';
import {
  comparePositions,
  globalPosition,
  isSystemEvent,
  positionFrom,
  reservedMetadataKey,
  toEventData,
  toStoredEvent,
} from './esdb-events.js';

export interface EventStoreDbEventStoreOptions {
  /** e.g. "esdb://localhost:2113?tls=false"; reading $all needs a user allowed to (admin/ops). */
  readonly connectionString: string;
  readonly limits?: Partial<StoreLimits>;
  readonly clock?: () => Date;
  /** Attempts for an append whose stream moved between our read and our write. */
  readonly maxAttempts?: number;
}

/**
 * EventStoreDB adapter: the engine for installations that outgrow one machine.
 *
 * EventStoreDB orders and stores events itself; this adapter adds what Jixiao's port
 * promises on top: the hash chain and idempotent ids. Each append reads the stream
 * backwards (its head, for the previous hash and revision, and the ids it already
 * holds), plans with the same pure planner as the SQL adapters, then writes with the
 * exact revision it read. If another writer got in between, EventStoreDB refuses the
 * write and the append starts over from a fresh read, so the caller's own expected
 * revision is judged against the stream as it really is.
 *
 * Known limits: an id already stored in another stream is not detected (EventStoreDB
 * has no index by event id), and finding replayed ids reads the whole stream, which is
 * cheap for aggregate-sized streams only.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly adapter = 'eventstoredb';
  private readonly client: EventStoreDBClient;
  private readonly limits: StoreLimits;
  private readonly clock: () => Date;
  private readonly maxAttempts: number;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.limits = { ...defaultLimits, ...options.limits };
    this.clock = options.clock ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 20;
  }

  async append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    // EventStoreDB hands ids back in lower case; hashing the same spelling keeps chains verifiable.
    const normalised = Array.isArray(events)
      ? events.map((e) => ({ ...e, id: typeof e.id === 'string' ? e.id.toLowerCase() : e.id }))
      : events;
    const serialised = validateAppend(stream, normalised, this.limits);
    for (const { event } of serialised) {
      if (reservedMetadataKey in event.metadata) {
        throw new InvalidEventError(event.id, `metadata key "${reservedMetadataKey}" is reserved`);
      }
    }
    const request = { stream, events: serialised, expectedRevision };
    const ids = new Set(serialised.map((s) => s.event.id));

    for (let attempt = 1; ; attempt++) {
      const snapshot = await this.snapshot(stream, ids);
      const outcome = planAppends([request], snapshot);
      const [result] = outcome.outcomes;
      if (!result!.ok) throw result!.error;
      if (result!.result.idempotent) return result!.result;
      const head = snapshot.heads.get(stream);
      try {
        await this.client.appendToStream(stream, outcome.rows.map(toEventData), {
          expectedRevision: head === undefined ? NO_STREAM : BigInt(head.revision),
          requiresLeader: true,
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= this.maxAttempts) {
          const actual = error.actualVersion === NO_STREAM ? undefined : Number(error.actualVersion);
          throw new WrongExpectedRevisionError(stream, expectedRevision, actual);
        }
        // Someone wrote between our read and our write: back off a little and judge again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        continue;
      }
      const last = outcome.rows[outcome.rows.length - 1]!.event;
      return { ...result!.result, position: await this.positionOf(stream, last.revision) };
    }
  }

  /** The stream's head and which of `ids` it already holds, read newest first. */
  private async snapshot(stream: string, ids: ReadonlySet<string>): Promise<StoreSnapshot> {
    const heads = new Map<string, StreamHead>();
    const existingIds = new Map<string, StoredIdentity>();
    try {
      const reading = this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, requiresLeader: true });
      for await (const resolved of reading) {
        if (!resolved.event) continue;
        const stored = toStoredEvent(resolved.event);
        if (!heads.has(stream)) heads.set(stream, { revision: stored.revision, hash: stored.hash, recordedAt: stored.recordedAt });
        if (ids.has(stored.id)) {
          existingIds.set(stored.id, { stream, revision: stored.revision, position: stored.position });
          if (existingIds.size === ids.size) break;
        }
      }
    } catch (error) {
      if (!isMissingStream(error)) throw error;
    }
    // Positions are EventStoreDB's to assign; the planner's are replaced by the real ones.
    // Appends to different streams are not serialised here, so recordedAt is kept
    // monotonic within the stream (its head) but not across the global log.
    return { heads, existingIds, nextPosition: 1, recordedAt: this.clock().toISOString() };
  }

  private async positionOf(stream: string, revision: number): Promise<number> {
    const reading = this.client.readStream(stream, {
      direction: FORWARDS,
      fromRevision: BigInt(revision),
      maxCount: 1,
      requiresLeader: true,
    });
    for await (const resolved of reading) {
      if (resolved.event) return globalPosition(resolved.event);
    }
    throw new Error(`Event ${stream}@${revision} was appended but cannot be read back`);
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<StoredEvent> {
    const head = await this.streamRevision(stream);
    if (head === undefined) throw new StreamNotFoundError(stream);
    const backward = options.direction === 'backward';
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from = options.fromRevision ?? (backward ? head : 0);
    try {
      while (remaining > 0 && from >= 0) {
        const limit = Math.min(remaining, 500);
        let count = 0;
        const reading = this.client.readStream(stream, {
          direction: backward ? BACKWARDS : FORWARDS,
          fromRevision: BigInt(from),
          maxCount: limit,
        });
        for await (const resolved of reading) {
          if (!resolved.event) continue;
          count++;
          const event = toStoredEvent(resolved.event);
          yield event;
          from = event.revision + (backward ? -1 : 1);
        }
        if (count < limit) return;
        remaining -= count;
      }
    } catch (error) {
      if (isMissingStream(error)) throw new StreamNotFoundError(stream);
      throw error;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    let after = options.after ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    // $all reads are inclusive of their start, so each page re-reads the last record of the one before.
    const pageSize = Math.max(2, options.batchSize ?? 1000);
    let cursor: Position | undefined;
    while (remaining > 0) {
      let raw = 0;
      let fresh = 0;
      const reading = this.client.readAll({
        direction: FORWARDS,
        fromPosition: cursor ?? (after > 0 ? positionFrom(after) : START),
        maxCount: pageSize,
      });
      for await (const resolved of reading) {
        raw++;
        const record = resolved.event;
        if (!record?.position) continue;
        if (cursor && comparePositions(record.position, cursor) <= 0) continue;
        cursor = record.position;
        fresh++;
        if (isSystemEvent(record)) continue;
        const event = toStoredEvent(record);
        if (event.position <= after) continue;
        yield event;
        after = event.position;
        if (--remaining <= 0) return;
      }
      if (fresh === 0 || raw < pageSize) return;
    }
  }

  async *subscribeToAll(options: SubscribeOptions = {}): AsyncGenerator<StoredEvent> {
    const { signal } = options;
    if (signal?.aborted) return;
    let after = options.after ?? 0;
    const subscription = this.client.subscribeToAll({
      fromPosition: after > 0 ? positionFrom(after) : START,
      filter: excludeSystemEvents(),
    });
    const stop = () => {
      void subscription.unsubscribe().finally(() => subscription.destroy());
    };
    signal?.addEventListener('abort', stop, { once: true });
    try {
      for await (const resolved of subscription) {
        if (signal?.aborted) return;
        const record = resolved.event;
        if (!record || isSystemEvent(record)) continue;
        const event = toStoredEvent(record);
        // Subscriptions start after the given position; this also guards against replays on reconnect.
        if (event.position <= after) continue;
        yield event;
        after = event.position;
      }
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    } finally {
      signal?.removeEventListener('abort', stop);
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END })) {
      const record = resolved.event;
      if (record && !isSystemEvent(record)) return globalPosition(record);
    }
    return 0;
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    try {
      const reading = this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
      for await (const resolved of reading) {
        if (resolved.event) return Number(resolved.event.revision);
      }
      return undefined;
    } catch (error) {
      if (isMissingStream(error)) return undefined;
      throw error;
    }
  }

  /**
   * EventStoreDB has no index by event id. With `options.stream` this reads that one
   * stream backwards and stops once every id is found (ids in other streams are not
   * found); without it, it reads $all backwards, a scan meant for tools, not hot paths.
   */
  async findByIds(ids: readonly string[], options: FindByIdsOptions = {}): Promise<StoredEvent[]> {
    const wanted = new Set(ids.map((id) => id.toLowerCase()));
    const found: StoredEvent[] = [];
    if (wanted.size === 0) return found;
    const keep = (event: StoredEvent): boolean => {
      if (wanted.has(event.id)) found.push(event);
      return found.length < wanted.size;
    };
    if (options.stream !== undefined) {
      try {
        const reading = this.client.readStream(options.stream, {
          direction: BACKWARDS,
          fromRevision: END,
          requiresLeader: true,
        });
        for await (const resolved of reading) {
          if (resolved.event && !keep(toStoredEvent(resolved.event))) break;
        }
      } catch (error) {
        if (!isMissingStream(error)) throw error;
      }
    } else {
      for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END })) {
        const record = resolved.event;
        if (record && !isSystemEvent(record) && !keep(toStoredEvent(record))) break;
      }
    }
    return found.sort((a, b) => a.position - b.position);
  }

  /**
   * Appends each event to its stream at its own revision, with recordedAt and hash
   * carried in the reserved metadata. EventStoreDB assigns log positions itself, so
   * positions are new (in the same order); and it has no multi-stream transaction, so
   * a failed restore leaves the events written so far.
   */
  async restore(events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>): Promise<number> {
    const head = await this.headPosition();
    if (head > 0) throw new RestoreTargetNotEmptyError(head);
    let count = 0;
    for await (const event of events) {
      await this.client.appendToStream(event.stream, [toEventData({ event, dataJson: '', metadataJson: '' })], {
        expectedRevision: event.revision === 0 ? NO_STREAM : BigInt(event.revision - 1),
        requiresLeader: true,
      });
      count++;
    }
    return count;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function isMissingStream(error: unknown): boolean {
  return error instanceof EsdbStreamNotFoundError || error instanceof StreamDeletedError;
}
