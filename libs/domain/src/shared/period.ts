import { fiscalYearEndMs, fiscalYearStartMs } from './time.js';

/**
 * A monitoring period (监控期): a month "2025-03" when the cadence is monthly, a quarter
 * "2025-Q1" when it is quarterly. Readings and overdue flags name one.
 */
export type MonitoringCadence = 'monthly' | 'quarterly';

export interface Period {
  year: number;
  /** First month (1–12) covered. */
  firstMonth: number;
  /** Number of months covered. */
  months: number;
  startMs: number;
  /** Exclusive end: the first instant after the period. */
  endMs: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

export const parsePeriod = (value: string, cadence: MonitoringCadence): Period | null => {
  const pattern = cadence === 'monthly' ? MONTH : QUARTER;
  const match = pattern.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const firstMonth = cadence === 'monthly' ? Number(match[2]) : (Number(match[2]) - 1) * 3 + 1;
  const months = cadence === 'monthly' ? 1 : 3;
  return {
    year,
    firstMonth,
    months,
    startMs: Date.UTC(year, firstMonth - 1, 1),
    endMs: Date.UTC(year, firstMonth - 1 + months, 1),
  };
};

/**
 * Time-proportional progress 序时进度: the share of the fiscal year that has elapsed at
 * `ms`, clamped to [0, 1]. At the end of March it is 0.25 (by days, not by months, so
 * it also works for an arbitrary instant).
 */
export const timeProgressAt = (ms: number, fiscalYear: number): number => {
  const start = fiscalYearStartMs(fiscalYear);
  const end = fiscalYearEndMs(fiscalYear);
  return Math.min(1, Math.max(0, (ms - start) / (end - start)));
};

/** Time-proportional progress at the end of a period, counted in months (3 of 12 → 0.25). */
export const timeProgressAtEndOf = (period: Period, fiscalYear: number): number => {
  if (period.year < fiscalYear) return 0;
  if (period.year > fiscalYear) return 1;
  return (period.firstMonth - 1 + period.months) / 12;
};
