import { derivedId, parsePeriod, type MonitoringCadence, type Rulebook } from '@jixiao/domain';
import { command, type ProcessManager, type Reaction } from '../../process-manager.js';

const DAY_MS = 86_400_000;

/** The reading-due timer of one project and period, injective in both. */
export const cadenceTimerId = (projectId: string, period: string) => derivedId('cadence-timer', projectId, period);
/** The id before ids were derived; a period is fixed-width, so it was injective, but a long project id overran a stream name. */
export const legacyCadenceTimerId = (projectId: string, period: string) => `cadence-${projectId}-${period}`;

/** The period of the fiscal year holding `ms` (the first one before the year starts), or null after it. */
export const periodAt = (ms: number, fiscalYear: number, cadence: MonitoringCadence): string | null => {
  const date = new Date(ms);
  if (date.getUTCFullYear() > fiscalYear) return null;
  const month = date.getUTCFullYear() < fiscalYear ? 1 : date.getUTCMonth() + 1;
  return cadence === 'monthly' ? `${fiscalYear}-${String(month).padStart(2, '0')}` : `${fiscalYear}-Q${Math.ceil(month / 3)}`;
};

export const nextPeriod = (period: string, cadence: MonitoringCadence): string | null => {
  const parsed = parsePeriod(period, cadence);
  if (!parsed) return null;
  return periodAt(parsed.endMs, parsed.year, cadence);
};

/** A period's reading is overdue strictly after its end plus the rulebook's due days; the timer fires one second later. */
export const readingDueTimerAt = (period: string, rulebook: Pick<Rulebook, 'monitoringCadence' | 'readingDueDays'>): string | null => {
  const parsed = parsePeriod(period, rulebook.monitoringCadence);
  return parsed ? new Date(parsed.endMs + rulebook.readingDueDays * DAY_MS + 1000).toISOString() : null;
};

const scheduleFor = (projectId: string, period: string | null, rulebook: Rulebook): Reaction[] => {
  const dueAt = period && readingDueTimerAt(period, rulebook);
  return period && dueAt ? [{ kind: 'schedule', timerId: cadenceTimerId(projectId, period), legacyTimerId: legacyCadenceTimerId(projectId, period), dueAt, payload: { period } }] : [];
};

/**
 * 4. Monitoring cadence: an admitted, funded project owes a reading for every indicator
 * each period (monthly under national-2020) from the period it was funded in. One timer
 * per period, at its due date: when it fires, every indicator still without a reading
 * is flagged overdue, and the next period's timer is set. Execution ending stops the chain.
 */
export const monitoringCadence: ProcessManager = {
  name: 'monitoring-cadence',
  handles: ['BudgetAllocated', 'TimerFired'],
  react(event, { projectId, project: state }, rulebook, now) {
    if (event.type === 'BudgetAllocated') {
      const allocatedAt = (event.data['allocatedAt'] as string | undefined) ?? now;
      return scheduleFor(projectId, periodAt(Date.parse(allocatedAt), state.fiscalYear, rulebook.monitoringCadence), rulebook);
    }
    const period = (event.data['payload'] as { period: string }).period;
    // A period of a year the project has left (its next cycle opened since) owes nothing now.
    if (state.stage !== 'executing' || !period.startsWith(`${state.fiscalYear}-`)) return [];
    const flags = state.indicators
      .filter((i) => !state.readings.some((r) => r.indicatorId === i.indicatorId && r.period === period))
      .filter((i) => !state.overdueReadings.includes(`${i.indicatorId}@${period}`))
      .map((i) => command({ type: 'FlagReadingOverdue', indicatorId: i.indicatorId, period }));
    return [...flags, ...scheduleFor(projectId, nextPeriod(period, rulebook.monitoringCadence), rulebook)];
  },
};
