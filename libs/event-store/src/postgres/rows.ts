import { CorruptEventError } from '../port/errors.js';
import type { StoredEvent } from '../port/event-store.js';

export const columns =
  'position, stream, revision, id, type, schema_version, data, metadata, recorded_at, hash';

/** A row as pg returns it: int8 columns arrive as strings so no precision is lost on the wire. */
export interface EventRow {
  position: string;
  stream: string;
  revision: string;
  id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  hash: string;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  const position = toSafeNumber(row.position);
  const revision = toSafeNumber(row.revision);
  try {
    return {
      position,
      stream: row.stream,
      revision,
      id: row.id,
      type: row.type,
      schemaVersion: row.schema_version,
      data: parseObject(row.data),
      metadata: parseObject(row.metadata),
      recordedAt: row.recorded_at,
      hash: row.hash,
    };
  } catch (error) {
    throw new CorruptEventError(position, row.stream, revision, (error as Error).message);
  }
}

export function toSafeNumber(value: string | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${value} is not a safe integer`);
  return n;
}

function parseObject(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SyntaxError('stored JSON is not an object');
  }
  return value as Record<string, unknown>;
}
