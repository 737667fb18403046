import { upcast } from '@jixiao/domain';
import type { StoredEvent } from '@jixiao/event-store';

/** Upcasts a stored event's type, version and data while keeping where and when it was stored. */
export function upcastStored(event: StoredEvent): StoredEvent {
  const current = upcast(event) as Pick<StoredEvent, 'type' | 'schemaVersion' | 'data'>;
  return current === event ? event : { ...event, type: current.type, schemaVersion: current.schemaVersion, data: current.data };
}
