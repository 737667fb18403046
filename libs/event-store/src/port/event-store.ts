/**
 * The event store port: what the rest of Jixiao needs from an event store,
 * named for that need rather than for any database. SQLite, PostgreSQL and
 * EventStoreDB adapters implement it, and one contract suite proves them equal.
 *
 * Conventions shared by every adapter:
 * - a stream's first event has revision 0;
 * - global positions start at 1 and grow in commit order, so a reader that has
 *   seen position p has seen every event that will ever sit below p;
 * - reads are async iterables, never unbounded arrays.
 */

/** Optimistic-concurrency condition for an append. A number is an exact revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export type JsonObject = { [key: string]: unknown };

/** An event as a writer hands it to the store. */
export interface NewEvent {
  /** Unique id; re-appending an id the stream already holds is a no-op. */
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

/** An event as the store holds it. */
export interface StoredEvent extends NewEvent {
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  /** Store time, ISO-8601 UTC. Business time lives in data or metadata. */
  readonly recordedAt: string;
  /** SHA-256 over the previous event's hash in this stream and this event's canonical JSON. */
  readonly hash: string;
}

export interface AppendResult {
  readonly stream: string;
  /** The stream's revision after the append: pass it as the next expected revision. */
  readonly nextExpectedRevision: number;
  /** Global position of the last event of this append. */
  readonly position: number;
  /** True when every event id was already in the stream and nothing was written. */
  readonly idempotent: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forward' | 'backward';
  /** Inclusive. Defaults to the first event (forward) or the last (backward). */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: read events whose position is greater than this. Defaults to 0. */
  readonly after?: number;
  /** Rows fetched per round trip. */
  readonly batchSize?: number;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: deliver events whose position is greater than this. */
  readonly after?: number;
  /** Ends the subscription; the iterator then returns normally. */
  readonly signal?: AbortSignal;
  readonly batchSize?: number;
}

export interface FindByIdsOptions {
  /** The stream the ids are expected in: lets EventStoreDB read one stream instead of $all. */
  readonly stream?: string;
}

export interface EventStore {
  /** Human-readable adapter name, e.g. "sqlite". */
  readonly adapter: string;

  append(
    stream: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;

  /** Throws StreamNotFoundError when the stream has no events. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;

  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;

  /** Catch up from a checkpoint, then stay live until the signal aborts. */
  subscribeToAll(options?: SubscribeOptions): AsyncIterable<StoredEvent>;

  /** Position of the last committed event, 0 when the store is empty. */
  headPosition(): Promise<number>;

  /** The stream's current revision, or undefined when it does not exist. */
  streamRevision(stream: string): Promise<number | undefined>;

  /**
   * The stored events with these ids, in global order; ids the store does not hold
   * are left out. SQLite and PostgreSQL answer from their unique index on id.
   * EventStoreDB has no index by id: it reads `options.stream` backwards when the
   * caller names the stream the ids would be in (ids in other streams are then not
   * found), and otherwise reads $all backwards, which is a scan.
   */
  findByIds(ids: readonly string[], options?: FindByIdsOptions): Promise<StoredEvent[]>;

  /**
   * Writes events exactly as another store held them, into an EMPTY store:
   * each event's id, stream, revision, recordedAt and hash are kept verbatim, and
   * so are global positions on SQLite and PostgreSQL (EventStoreDB assigns its own
   * log positions, in the same order). Refuses with RestoreTargetNotEmptyError when
   * the store already holds an event. Performs no integrity checks of its own.
   * Returns the number of events written.
   */
  restore(events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>): Promise<number>;

  close(): Promise<void>;
}
