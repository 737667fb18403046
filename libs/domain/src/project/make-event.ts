import { eventCatalogue } from '../event-catalogue.js';
import type { ProjectEvent } from './events.js';

export type ProjectEventType = ProjectEvent['type'];
export type EventOf<T extends ProjectEventType> = Extract<ProjectEvent, { type: T }>;

/** Builds an event at its current schema version, so no decider can write a stale one. */
export const makeEvent = <T extends ProjectEventType>(type: T, data: EventOf<T>['data']): EventOf<T> =>
  ({ type, schemaVersion: eventCatalogue[type].schemaVersion, data }) as EventOf<T>;
