/**
 * Dates and instants are ISO-8601 strings. Parsing a given string is pure; reading the
 * clock is not, so "now" always arrives as an argument.
 */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** An instant in UTC, e.g. 2025-03-31T08:00:00Z. */
export const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));

/** A calendar date, e.g. 2025-12-31, read as that day in UTC. */
export const isCalendarDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  // Date.parse rejects month 13 but rolls 30 February over to March; the round trip catches both.
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value);
};

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
