import {
  BatchTooLargeError,
  EventTooLargeError,
  InvalidEventError,
  InvalidStreamNameError,
} from './errors.js';
import type { NewEvent } from './event-store.js';
import { assertStorable } from './storable-values.js';

export interface StoreLimits {
  /** Bytes of an event's data plus metadata as UTF-8 JSON. */
  readonly maxEventBytes: number;
  /** Events in one append. */
  readonly maxBatchEvents: number;
  readonly maxStreamNameLength: number;
}

export const defaultLimits: StoreLimits = {
  maxEventBytes: 1024 * 1024,
  maxBatchEvents: 1000,
  maxStreamNameLength: 200,
};

// Letters, digits and a few separators; a leading "$" is reserved by EventStoreDB for system streams.
const streamNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/;
const eventTypePattern = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertValidStreamName(stream: string, limits: StoreLimits = defaultLimits): void {
  if (typeof stream !== 'string' || stream.length === 0) {
    throw new InvalidStreamNameError(String(stream), 'must be a non-empty string');
  }
  if (stream.length > limits.maxStreamNameLength) {
    throw new InvalidStreamNameError(
      stream.slice(0, 40) + '…',
      `longer than ${limits.maxStreamNameLength} characters`,
    );
  }
  if (!streamNamePattern.test(stream)) {
    throw new InvalidStreamNameError(
      stream,
      'use letters, digits and _ . : @ - only, starting with a letter or digit',
    );
  }
}

/**
 * Checks an append before any I/O so a refused append writes nothing.
 * Returns each event's serialised data and metadata, which the adapters store as is.
 */
export function validateAppend(
  stream: string,
  events: readonly NewEvent[],
  limits: StoreLimits = defaultLimits,
): SerialisedEvent[] {
  assertValidStreamName(stream, limits);
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidEventError(undefined, 'an append needs at least one event');
  }
  if (events.length > limits.maxBatchEvents) {
    throw new BatchTooLargeError(events.length, limits.maxBatchEvents);
  }
  const seen = new Set<string>();
  return events.map((event) => {
    if (!uuidPattern.test(event.id ?? '')) {
      throw new InvalidEventError(event.id, 'id must be a UUID');
    }
    if (seen.has(event.id)) throw new InvalidEventError(event.id, 'id repeated within one append');
    seen.add(event.id);
    if (!eventTypePattern.test(event.type ?? '')) {
      throw new InvalidEventError(event.id, `type ${JSON.stringify(event.type)} is not a valid name`);
    }
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidEventError(event.id, 'schemaVersion must be a positive integer');
    }
    if (!isPlainObject(event.data) || !isPlainObject(event.metadata)) {
      throw new InvalidEventError(event.id, 'data and metadata must be JSON objects');
    }
    assertStorable(event);
    const data = JSON.stringify(event.data);
    const metadata = JSON.stringify(event.metadata);
    const size = Buffer.byteLength(data) + Buffer.byteLength(metadata);
    if (size > limits.maxEventBytes) {
      throw new EventTooLargeError(event.id, size, limits.maxEventBytes);
    }
    return { event, data, metadata };
  });
}

export interface SerialisedEvent {
  readonly event: NewEvent;
  readonly data: string;
  readonly metadata: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
