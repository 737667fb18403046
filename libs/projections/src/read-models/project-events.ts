import type { StoredEvent } from '@jixiao/event-store';

const prefix = 'project-';

/** A budget project's id from its stream name ("project-<id>"); undefined for other streams. */
export function projectIdOf(event: StoredEvent): string | undefined {
  return event.stream.startsWith(prefix) ? event.stream.slice(prefix.length) : undefined;
}

/** The event's data, typed by the caller: handlers know the shape of the type they handle. */
export const dataOf = <T>(event: StoredEvent): T => event.data as unknown as T;
