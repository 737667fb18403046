import { jsonEvent, type EventData, type Position, type RecordedEvent } from '@eventstore/db-client';
import type { PlannedRow } from '../append/plan-appends.js';
import { CorruptEventError } from '../port/errors.js';
import type { JsonObject, StoredEvent } from '../port/event-store.js';

/**
 * The metadata key under which Jixiao keeps the fields EventStoreDB has no place for.
 * The caller's metadata stays at the top level, where EventStoreDB tools expect
 * keys such as $correlationId.
 */
export const reservedMetadataKey = '$jixiao';

interface JixiaoFields {
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly hash: string;
}

export function toEventData(row: PlannedRow): EventData {
  const { event } = row;
  const fields: JixiaoFields = { schemaVersion: event.schemaVersion, recordedAt: event.recordedAt, hash: event.hash };
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: { ...event.metadata, [reservedMetadataKey]: fields },
  });
}

/** EventStoreDB's own streams and event types ($-prefixed) are not part of Jixiao's global order. */
export function isSystemEvent(event: RecordedEvent): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/**
 * The log position as our global position. For every event written through the gRPC
 * API (an implicit transaction), EventStoreDB reports commit = prepare = the event's
 * own log position, so it is unique per event and grows in $all order.
 */
export function globalPosition(event: RecordedEvent): number {
  const commit = event.position?.commit;
  const n = commit === undefined ? Number.NaN : Number(commit);
  if (!Number.isSafeInteger(n) || n < 0) {
    // Servers before 22.6 do not return positions on stream reads (they send 2^64-1).
    throw new Error(
      `EventStoreDB returned no usable log position for event ${event.id} in "${event.streamId}"; ` +
        'Jixiao needs EventStoreDB 22.6 or later',
    );
  }
  return n;
}

export function positionFrom(after: number): Position {
  return { commit: BigInt(after), prepare: BigInt(after) };
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}

export function toStoredEvent(event: RecordedEvent): StoredEvent {
  const position = globalPosition(event);
  const revision = Number(event.revision);
  try {
    if (!event.isJson) throw new Error('not a JSON event');
    const data = asObject(event.data, 'data');
    const { [reservedMetadataKey]: fields, ...metadata } = asObject(event.metadata, 'metadata');
    const { schemaVersion, recordedAt, hash } = asObject(fields, `metadata.${reservedMetadataKey}`);
    if (typeof schemaVersion !== 'number' || typeof recordedAt !== 'string' || typeof hash !== 'string') {
      throw new Error(`metadata.${reservedMetadataKey} is incomplete: not written by Jixiao`);
    }
    return {
      id: event.id,
      type: event.type,
      schemaVersion,
      data,
      metadata,
      stream: event.streamId,
      revision,
      position,
      recordedAt,
      hash,
    };
  } catch (error) {
    throw new CorruptEventError(position, event.streamId, revision, (error as Error).message);
  }
}

function asObject(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) {
    throw new Error(`${what} is not a JSON object`);
  }
  return value as JsonObject;
}
