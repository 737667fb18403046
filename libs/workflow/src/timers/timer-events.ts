import { v5 as uuidv5 } from 'uuid';
import type { JsonObject, NewEvent } from '@jixiao/event-store';

/**
 * Durable timers are events in the store, one stream per timer (`timer-<id>`):
 * TimerScheduled at revision 0, then exactly one of TimerFired or TimerCancelled at
 * revision 1. Both are appended with expected revision 0, so a timer fires at most once
 * and a cancelled timer never fires, whichever scheduler gets there first.
 */
export const timerStream = (timerId: string): string => `timer-${timerId}`;

export interface TimerData extends JsonObject {
  timerId: string;
  processManager: string;
  projectId: string;
  dueAt: string;
  payload: JsonObject;
}

const namespace = 'b1e0c4a2-5d7f-4c3e-9a61-2f8d7e6c5b40';
const eventId = (step: string, timerId: string) => uuidv5(`${step}\n${timerId}`, namespace);

export const timerScheduled = (data: TimerData, metadata: JsonObject): NewEvent => ({
  id: eventId('scheduled', data.timerId),
  type: 'TimerScheduled',
  schemaVersion: 1,
  data,
  metadata,
});

export const timerFired = (data: TimerData, firedAt: string, metadata: JsonObject): NewEvent => ({
  id: eventId('fired', data.timerId),
  type: 'TimerFired',
  schemaVersion: 1,
  data: { ...data, firedAt },
  metadata,
});

export const timerCancelled = (timerId: string, cancelledAt: string, metadata: JsonObject): NewEvent => ({
  id: eventId('cancelled', timerId),
  type: 'TimerCancelled',
  schemaVersion: 1,
  data: { timerId, cancelledAt },
  metadata,
});

export const TIMER_EVENT_TYPES = ['TimerScheduled', 'TimerFired', 'TimerCancelled'] as const;
