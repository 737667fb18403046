import { checkDeviation, nationalRulebook2020, parsePeriod, timeProgressAtEndOf, type Comparator, type Likelihood, type Rulebook } from '@jixiao/domain';

/**
 * Where an indicator 绩效指标 stands on its latest reading:
 * - no-reading: nothing reported yet;
 * - met 已完成: the reading already satisfies the comparator against the effective target
 *   (for a ceiling, < or ≤, only once the year's last period is reported, because a
 *   ceiling can still be broken until then);
 * - on-track 正常: checkDeviation finds no deviation (level 'none') against the
 *   time-proportional expectation 序时进度 at the end of the reading's period;
 * - yellow / red: checkDeviation's warning level.
 * Goal completion rate = (met + on-track) ÷ indicators with a reading.
 */
export type IndicatorStatus = 'no-reading' | 'met' | 'on-track' | 'yellow' | 'red';

export interface LatestReading {
  readonly period: string;
  readonly value: number | null;
  readonly likelihood: Likelihood | null;
}

/**
 * The rulebook whose thresholds and cadence judge readings in the read models: the default
 * national-2020. A published local rulebook takes effect here when the projections'
 * version is bumped (a rebuild), so live and rebuilt tables always agree.
 */
export const statusRulebook: Pick<Rulebook, 'deviationThresholds' | 'monitoringCadence'> = nationalRulebook2020;

const satisfies = (comparator: Comparator, value: number, target: number): boolean => {
  switch (comparator) {
    case '>=': return value >= target;
    case '>': return value > target;
    case '=': return value === target;
    case '<=': return value <= target;
    case '<': return value < target;
    case 'qualitative': return false;
  }
};

export function indicatorStatus(comparator: Comparator, target: number | null, fiscalYear: number, reading: LatestReading | null): IndicatorStatus {
  if (!reading) return 'no-reading';
  const check = checkDeviation({ comparator, target, reading, period: reading.period, fiscalYear, rulebook: statusRulebook });
  if (check.level !== 'none') return check.level;
  if (target === null || reading.value === null) return 'on-track';
  const ceiling = comparator === '<' || comparator === '<=';
  const period = parsePeriod(reading.period, statusRulebook.monitoringCadence);
  const yearDone = period !== null && timeProgressAtEndOf(period, fiscalYear) >= 1;
  return satisfies(comparator, reading.value, target) && (!ceiling || yearDone) ? 'met' : 'on-track';
}

/** Met and on-track both count towards goal completion. */
export const isOnTrack = (status: IndicatorStatus): boolean => status === 'met' || status === 'on-track';

/** A reading replaces the latest when its period is the same or later ("2026-07" > "2026-06"; quarters sort too). */
export const isLaterOrSame = (period: string, latest: string | null): boolean => latest === null || period >= latest;
