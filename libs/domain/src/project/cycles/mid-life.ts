const DAY_MS = 86_400_000;

/**
 * The mid-life instant of an implementation period 实施期 of fiscal years
 * `startYear`..`endYear` (inclusive, calendar years): the midnight (UTC) halfway between
 * 1 January of the first year and 1 January after the last, rounded down to a day.
 * 2026–2030 → 2028-07-02T00:00:00.000Z.
 */
export const midLifeOf = (startYear: number, endYear: number): string => {
  const start = Date.UTC(startYear, 0, 1);
  const end = Date.UTC(endYear + 1, 0, 1);
  return new Date(start + Math.floor((end - start) / 2 / DAY_MS) * DAY_MS).toISOString();
};

/** Years in the period, inclusive. */
export const periodYears = (startYear: number, endYear: number): number => endYear - startYear + 1;

/** 10号: a period of five years or more gets a mid-term evaluation 中期评价; the rulebook may set another length. */
export const needsMidTermEvaluation = (startYear: number, endYear: number, minYears = 5): boolean =>
  periodYears(startYear, endYear) >= minYears;
