import type { ExpectedRevision } from './event-store.js';

/** Base of every error the store raises on purpose; `code` is stable for callers. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'wrong-expected-revision';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** undefined when the stream does not exist. */
    readonly actual: number | undefined,
  ) {
    super(
      `Stream "${stream}": expected revision ${String(expected)}, ` +
        `actual ${actual === undefined ? 'no stream' : actual}`,
    );
  }
}

export class StreamNotFoundError extends EventStoreError {
  readonly code = 'stream-not-found';
  constructor(readonly stream: string) {
    super(`Stream "${stream}" does not exist`);
  }
}

export class InvalidStreamNameError extends EventStoreError {
  readonly code = 'invalid-stream-name';
  constructor(
    readonly stream: string,
    reason: string,
  ) {
    super(`Invalid stream name ${JSON.stringify(stream)}: ${reason}`);
  }
}

export class InvalidEventError extends EventStoreError {
  readonly code = 'invalid-event';
  constructor(
    readonly eventId: string | undefined,
    reason: string,
  ) {
    super(`Invalid event${eventId ? ` ${eventId}` : ''}: ${reason}`);
  }
}

export class EventTooLargeError extends EventStoreError {
  readonly code = 'event-too-large';
  constructor(
    readonly eventId: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`Event ${eventId} is ${sizeBytes} bytes; the limit is ${limitBytes}`);
  }
}

export class BatchTooLargeError extends EventStoreError {
  readonly code = 'batch-too-large';
  constructor(
    readonly count: number,
    readonly limit: number,
  ) {
    super(`An append holds ${count} events; the limit is ${limit}`);
  }
}

/** An event id already stored in another stream, or a batch that repeats only part of an earlier one. */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'duplicate-event-id';
  constructor(
    readonly eventId: string,
    reason: string,
  ) {
    super(`Event id ${eventId}: ${reason}`);
  }
}

/** A stored row that no longer parses: found while reading, reported with its place. */
export class CorruptEventError extends EventStoreError {
  readonly code = 'corrupt-event';
  constructor(
    readonly position: number,
    readonly stream: string,
    readonly revision: number,
    reason: string,
  ) {
    super(`Event at position ${position} (${stream}@${revision}) is corrupt: ${reason}`);
  }
}

/**
 * Another writer held the database's write lock for longer than the store may wait
 * (JIXIAO_LOCK_WAIT_MS). Nothing was written; the caller may try again later.
 */
export class StoreBusyError extends EventStoreError {
  readonly code = 'store-busy';
  constructor(
    readonly waitedMs: number,
    /** A fair time to wait before retrying, in whole seconds (for Retry-After). */
    readonly retryAfterSeconds: number = Math.max(1, Math.ceil(waitedMs / 1000)),
  ) {
    super(`The event store stayed locked by another writer for ${waitedMs} ms; nothing was written, try again`);
  }
}

/** A restore aimed at a store that already holds events: it would mix two histories. */
export class RestoreTargetNotEmptyError extends EventStoreError {
  readonly code = 'restore-target-not-empty';
  constructor(readonly headPosition: number) {
    super(`Restore needs an empty store; this one holds events up to position ${headPosition}`);
  }
}

/**
 * A restore into SQLite or PostgreSQL must be a whole log: positions 1, 2, 3, … with no
 * gap. A reader that has seen position p has seen everything below it, and the Merkle
 * tree's leaf i is position i + 1; a partial export would break both. Nothing is written.
 */
export class RestoreNotWholeLogError extends EventStoreError {
  readonly code = 'restore-not-whole-log';
  constructor(
    readonly expectedPosition: number,
    readonly position: number,
  ) {
    super(`A restore must hold the whole log in order: position ${position} where ${expectedPosition} was expected`);
  }
}
