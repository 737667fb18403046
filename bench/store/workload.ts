import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@jixiao/event-store';

/** Fixed workload sizes from issue 2: 1,000 streams × 10 appends; replay of 100,000 events. */
export const streams = 1000;
export const appendsPerStream = 10;
export const replayEvents = 100_000;
export const concurrentWriters = 32;

/** A monitoring reading as the product writes it: realistic size, realistic metadata. */
export function readingEvent(stream: number, revision: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'MonitoringReadingRecorded',
    schemaVersion: 2,
    data: {
      projectId: `bench-${stream}`,
      indicatorId: `ind-${revision % 4}`,
      period: `2026-${String((revision % 12) + 1).padStart(2, '0')}`,
      value: 40 + revision,
      unit: '公里',
      note: '按月报送的监控读数',
    },
    metadata: {
      actor: { id: 'bench', role: 'department', department: 'dept-1' },
      correlationId: randomUUID(),
      commandId: randomUUID(),
      occurredAt: '2026-06-30T08:00:00.000Z',
    },
  };
}

export const streamName = (i: number) => `bench-project-${i}`;
