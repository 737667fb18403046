import type { Upcaster } from './upcaster-registry.js';

/**
 * MonitoringReadingRecorded v1, as the first release wrote it: no reading id (one
 * reading per indicator and period was assumed), a bare float `value`, no unit and no
 * stated likelihood.
 */
export interface MonitoringReadingRecordedV1Data {
  indicatorId: string;
  period: string;
  value: number | null;
  note?: string;
}

/**
 * v1 → v2: the reading gets an id derived from what made it unique in v1
 * (`indicatorId:period`, so the same old event always gets the same id), an explicit
 * unit of null meaning "the indicator's declared unit" (v1 readings were always in it),
 * no stated likelihood, and the note defaults to null.
 */
export const monitoringReadingV1ToV2: Upcaster = {
  type: 'MonitoringReadingRecorded',
  fromVersion: 1,
  upcast: (data: MonitoringReadingRecordedV1Data) => ({
    readingId: `${data.indicatorId}:${data.period}`,
    indicatorId: data.indicatorId,
    period: data.period,
    value: typeof data.value === 'number' && Number.isFinite(data.value) ? data.value : null,
    unit: null,
    likelihood: null,
    note: data.note ?? null,
  }),
};
