import { checkDeviation, meetsComparator, nationalRulebook2020, parsePeriod, timeProgressAtEndOf, type Comparator, type Likelihood, type Rulebook } from '@jixiao/domain';

/**
 * Where an indicator 绩效指标 stands on its latest reading. For a reading recorded with its
 * lights the status is the light its light events gave — read models never
 * compute one:
 * - not-assessed 未评估: no light event for the reading (before the first assessment date);
 * - green / yellow / red / blue: the light.
 * For a reading recorded before lights were decided (upcast with `legacyLights`), the status
 * is national-2020 v1's, computed as it always was (`legacyIndicatorStatus`):
 * - no-reading: nothing reported yet;
 * - met 已完成: the reading already satisfies the comparator against the effective target
 *   (for a ceiling, < or ≤, only once the year's last period is reported, because a
 *   ceiling can still be broken until then);
 * - on-track 正常: checkDeviation finds no deviation (level 'none') against the
 *   time-proportional expectation 序时进度 at the end of the reading's period;
 * - yellow / red: checkDeviation's warning level.
 * Goal completion rate = (met + on-track) ÷ indicators with a reading.
 */
export type IndicatorStatus = 'no-reading' | 'not-assessed' | 'met' | 'on-track' | 'green' | 'yellow' | 'red' | 'blue';

export interface LatestReading {
  readonly period: string;
  readonly value: number | null;
  readonly likelihood: Likelihood | null;
}

/**
 * The rule that lit readings recorded before lights were decided with them: national-2020
 * v1, named by the upcaster in `legacyLights`. It never changes, so live and rebuilt tables
 * agree; a newly published rulebook lights new readings through light events instead.
 */
export const statusRulebook: Pick<Rulebook, 'deviationThresholds' | 'monitoringCadence'> = nationalRulebook2020;

export function legacyIndicatorStatus(comparator: Comparator, target: number | null, fiscalYear: number, reading: LatestReading | null): IndicatorStatus {
  if (!reading) return 'no-reading';
  const check = checkDeviation({ comparator, target, reading, period: reading.period, fiscalYear, rulebook: statusRulebook });
  if (check.level !== 'none') return check.level;
  if (target === null || reading.value === null) return 'on-track';
  const ceiling = comparator === '<' || comparator === '<=';
  const period = parsePeriod(reading.period, statusRulebook.monitoringCadence);
  const yearDone = period !== null && timeProgressAtEndOf(period, fiscalYear) >= 1;
  return meetsComparator(comparator, reading.value, target) && (!ceiling || yearDone) ? 'met' : 'on-track';
}

/** Kept under its earlier name for callers outside the read models. */
export const indicatorStatus = legacyIndicatorStatus;

/** Met, on-track, green and blue count towards goal completion. */
export const isOnTrack = (status: IndicatorStatus): boolean => status === 'met' || status === 'on-track' || status === 'green' || status === 'blue';

/** Whether the status is a judgement (a reading was lit), for the completion rate's denominator. */
export const isJudged = (status: IndicatorStatus): boolean => status !== 'no-reading' && status !== 'not-assessed';

/**
 * The status a reading starts with: national-2020 v1's for a legacy reading; for one
 * recorded with its lights, not assessed until its light event (in the same append) arrives.
 */
export const statusOnReading = (
  comparator: Comparator,
  target: number | null,
  fiscalYear: number,
  reading: LatestReading & { legacyLights?: unknown },
): IndicatorStatus => (reading.legacyLights ? legacyIndicatorStatus(comparator, target, fiscalYear, reading) : 'not-assessed');

/** The indicator a light event lights, and with which reading's period and light; undefined for budget execution. */
export const indicatorLight = (data: Record<string, unknown>): { indicatorId: string; period: string; light: IndicatorStatus } | undefined => {
  const subject = data['subject'] as { kind: string; indicatorId?: string; period?: string } | undefined;
  if (subject?.kind !== 'indicator' || !subject.indicatorId || !subject.period) return undefined;
  return { indicatorId: subject.indicatorId, period: subject.period, light: (data['level'] ?? data['light']) as IndicatorStatus };
};

/** The light event types a read model projects for indicators. */
export const LIGHT_EVENTS = ['LightAssessed', 'DeviationFlagged', 'DeviationRaised', 'DeviationLowered', 'DeviationCleared'] as const;

/** A reading replaces the latest when its period is the same or later ("2026-07" > "2026-06"; quarters sort too). */
export const isLaterOrSame = (period: string, latest: string | null): boolean => latest === null || period >= latest;
