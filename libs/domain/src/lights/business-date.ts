import { parsePeriod, type MonitoringCadence } from '../shared/period.js';
import { isCalendarDate } from '../shared/time.js';
import type { LightRules } from '../rulebook/lights.js';

/**
 * Business dates 业务日期 of the lights (DESIGN §6.3): calendar dates "2025-06-30", read
 * as the end of that day. A reading is judged as of the last day of its period, an
 * expenditure as of `spentOn`, an assessment as of its assessment date.
 */
const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Time-proportional progress 序时进度 at the end of `date`, counted in months so that
 * each month end is exactly m/12 (the end of June is 0.5, as the deployed rule reads
 * "月份/12"); within a month it grows by the day. Before the year 0, after it 1.
 */
export const progressOn = (date: string, fiscalYear: number): number => {
  const year = Number(date.slice(0, 4));
  if (year < fiscalYear) return 0;
  if (year > fiscalYear) return 1;
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return (month - 1 + day / daysInMonth(year, month)) / 12;
};

/** The last day of a month, "2025-06-30". */
export const monthEnd = (year: number, month: number): string =>
  `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;

/** The last day of a monitoring period ("2025-06" and "2025-Q2" both end on 2025-06-30), or null when malformed. */
export const periodEndDate = (period: string, cadence: MonitoringCadence): string | null => {
  const parsed = parsePeriod(period, cadence);
  return parsed ? monthEnd(parsed.year, parsed.firstMonth + parsed.months - 1) : null;
};

/** Before this date nothing is lit (default: the end of June). */
export const firstAssessmentDate = (fiscalYear: number, rules: Pick<LightRules, 'firstAssessmentMonth'>): string =>
  monthEnd(fiscalYear, rules.firstAssessmentMonth);

/** Whether lights are judged at all on `date`: from the first assessment date on. */
export const isAssessable = (date: string, fiscalYear: number, rules: Pick<LightRules, 'firstAssessmentMonth'>): boolean =>
  date >= firstAssessmentDate(fiscalYear, rules);

/** The assessment dates of a fiscal year: the end of each assessment month (default: June to December). */
export const assessmentDates = (fiscalYear: number, rules: Pick<LightRules, 'assessmentMonths'>): string[] =>
  rules.assessmentMonths.map((month) => monthEnd(fiscalYear, month));

/** The later of two business dates (either may be null). */
export const laterDate = (a: string | null, b: string): string => (a !== null && a > b ? a : b);

export const isBusinessDate = isCalendarDate;
