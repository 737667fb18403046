/**
 * Dates and instants are ISO-8601 strings. Parsing a given string is pure; reading the
 * clock is not, so "now" always arrives as an argument.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

// YYYY-MM-DDTHH:MM[:SS[.fraction]] then Z or ±HH:MM. Date.parse alone would roll
// 2026-02-30 over to 2 March and 2026-11-31 to 1 December; the parsers below check every
// field against the calendar instead, so one strict reading serves the api, the CLI and
// the domain alike.
const INSTANT_PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;
const DATE_PARTS = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of a calendar day, or undefined when the day does not exist (30 February, month 13). */
function dayMs(year: number, month: number, day: number): number | undefined {
  // Date.UTC reads years 0–99 as 1900–1999; no budget is that old, so such years are refused outright.
  if (year < 1000 || month < 1 || month > 12 || day < 1) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? ms : undefined;
}

/**
 * Parses an ISO-8601 instant strictly and returns epoch milliseconds, or undefined.
 * Accepts `2026-03-01T08:00Z`, `2026-03-01T08:00:00.123Z`, `2026-03-01T16:00:00+08:00`;
 * refuses a day, hour (24), minute, second (60) or offset that does not exist, and any
 * other shape. `utcOnly` refuses offsets other than Z (what the domain stores).
 */
export function parseInstant(value: unknown, options: { utcOnly?: boolean } = {}): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = INSTANT_PARTS.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone, sign, oh, om] = m;
  if (options.utcOnly && zone !== 'Z') return undefined;
  const day = dayMs(Number(y), Number(mo), Number(d));
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  if (day === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    if (Number(oh) > 23 || Number(om) > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  }
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  return day + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
}

/** Parses a calendar date `YYYY-MM-DD` strictly (the day must exist) to the epoch milliseconds of its UTC midnight. */
export function parseCalendarDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_PARTS.exec(value);
  return m ? dayMs(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** An instant in UTC with seconds, e.g. 2025-03-31T08:00:00Z, that exists on the calendar. */
export const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && /T\d{2}:\d{2}:\d{2}/.test(value) && parseInstant(value, { utcOnly: true }) !== undefined;

/** A calendar date, e.g. 2025-12-31, read as that day in UTC; 2026-02-30 is not one. */
export const isCalendarDate = (value: unknown): value is string => parseCalendarDate(value) !== undefined;

export const toMs = (isoDateOrInstant: string): number =>
  DATE.test(isoDateOrInstant) ? Date.parse(`${isoDateOrInstant}T00:00:00Z`) : Date.parse(isoDateOrInstant);

export const toInstant = (ms: number): string => new Date(ms).toISOString();

export const addDays = (instant: string, days: number): string => toInstant(toMs(instant) + days * DAY_MS);

export const daysBetween = (from: string, to: string): number => (toMs(to) - toMs(from)) / DAY_MS;

export const yearOf = (isoDateOrInstant: string): number => new Date(toMs(isoDateOrInstant)).getUTCFullYear();

/** Chinese fiscal years (预算年度) are calendar years, 1 January to 31 December. */
export const fiscalYearStartMs = (fiscalYear: number): number => Date.UTC(fiscalYear, 0, 1);
export const fiscalYearEndMs = (fiscalYear: number): number => Date.UTC(fiscalYear + 1, 0, 1);

export const isNonEmptyText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0;
