import type { RulebookRef } from '../../rulebook/rulebook.js';
import type { DeviationLevel, Likelihood } from '../../deviation/check-deviation.js';
import type { DomainEvent } from '../../shared/domain-event.js';
import type { Fen } from '../../shared/money.js';
import type { ProjectState } from '../state.js';

/** Cause of a deviation 偏差原因: funding 经费, rules 制度, staff 人员, equipment 硬件, other 其他. */
export type DeviationCause = 'funding' | 'rules' | 'staff' | 'equipment' | 'other';

/** What deviated: an indicator's reading (goal progress) or budget execution — the two "双监控". */
export type DeviationSubject =
  | { kind: 'indicator'; indicatorId: string; readingId: string; period: string }
  | { kind: 'budget' };

/** Money was spent from the project budget (预算执行). */
export type ExpenditureRecorded = DomainEvent<
  'ExpenditureRecorded',
  { expenditureId: string; amountFen: Fen; spentOn: string; description: string | null; spentToDateFen: Fen }
>;

/**
 * A monitoring reading 监控数据 for one indicator and period. Version 2: `unit` and
 * `likelihood` explicit (see upcasting/ for version 1).
 */
export type MonitoringReadingRecorded = DomainEvent<
  'MonitoringReadingRecorded',
  {
    readingId: string;
    indicatorId: string;
    period: string;
    /** Cumulative actual to the end of the period; null for a qualitative indicator. */
    value: number | null;
    /** The indicator's unit; null when recorded before units were stored (v1). */
    unit: string | null;
    likelihood: Likelihood | null;
    note: string | null;
  },
  2
>;

/** A period passed without its reading (the monitoring cadence). */
export type ReadingOverdueFlagged = DomainEvent<
  'ReadingOverdueFlagged',
  { indicatorId: string; period: string; dueBy: string; rulebook: RulebookRef }
>;

/** A mid-year target adjustment 目标调整: the start-of-year target stays beside the new one. */
export type TargetAdjusted = DomainEvent<
  'TargetAdjusted',
  { indicatorId: string; startOfYearTarget: number; previousTarget: number; adjustedTarget: number; reason: string; adjustedAt: string }
>;

/** Progress fell behind time-proportional progress 序时进度 by more than a threshold. */
export type DeviationFlagged = DomainEvent<
  'DeviationFlagged',
  {
    deviationId: string;
    subject: DeviationSubject;
    level: Exclude<DeviationLevel, 'none'>;
    expected: number | null;
    actual: number | null;
    gap: number;
    progress: number;
    flaggedAt: string;
    rulebook: RulebookRef;
  }
>;

/** The department explained the deviation, its corrective measures 纠偏措施 and its outlook. */
export type DeviationExplained = DomainEvent<
  'DeviationExplained',
  { deviationId: string; cause: DeviationCause; causeDetail: string | null; measures: string; likelihood: Likelihood }
>;

export type DeviationResolved = DomainEvent<'DeviationResolved', { deviationId: string; resolution: string; resolvedAt: string }>;

/** Left unexplained past the rulebook's escalation days, the deviation goes up to finance. */
export type DeviationEscalated = DomainEvent<
  'DeviationEscalated',
  { deviationId: string; flaggedAt: string; escalatedAt: string; rulebook: RulebookRef }
>;

export type MonitoringEvent =
  | ExpenditureRecorded
  | MonitoringReadingRecorded
  | ReadingOverdueFlagged
  | TargetAdjusted
  | DeviationFlagged
  | DeviationExplained
  | DeviationResolved
  | DeviationEscalated;

export const overdueKey = (indicatorId: string, period: string): string => `${indicatorId}@${period}`;

const updateDeviation = (
  state: ProjectState,
  deviationId: string,
  change: (d: ProjectState['deviations'][number]) => ProjectState['deviations'][number],
): ProjectState => ({
  ...state,
  deviations: state.deviations.map((d) => (d.deviationId === deviationId ? change(d) : d)),
});

export const evolveMonitoring = {
  ExpenditureRecorded: (state: ProjectState, { data }: ExpenditureRecorded): ProjectState => ({
    ...state,
    spentFen: state.spentFen + data.amountFen,
    expenditureIds: [...state.expenditureIds, data.expenditureId],
  }),
  MonitoringReadingRecorded: (state: ProjectState, { data }: MonitoringReadingRecorded): ProjectState => ({
    ...state,
    readings: [
      ...state.readings,
      {
        readingId: data.readingId,
        indicatorId: data.indicatorId,
        period: data.period,
        value: data.value,
        unit: data.unit,
        likelihood: data.likelihood,
      },
    ],
  }),
  ReadingOverdueFlagged: (state: ProjectState, { data }: ReadingOverdueFlagged): ProjectState => ({
    ...state,
    overdueReadings: [...state.overdueReadings, overdueKey(data.indicatorId, data.period)],
  }),
  TargetAdjusted: (state: ProjectState, { data }: TargetAdjusted): ProjectState => ({
    ...state,
    indicators: state.indicators.map((i) =>
      i.indicatorId === data.indicatorId ? { ...i, adjustedTarget: data.adjustedTarget } : i,
    ),
  }),
  DeviationFlagged: (state: ProjectState, { data }: DeviationFlagged): ProjectState => ({
    ...state,
    deviations: [
      ...state.deviations,
      {
        deviationId: data.deviationId,
        subject: data.subject,
        level: data.level,
        expected: data.expected,
        gap: data.gap,
        flaggedAt: data.flaggedAt,
        status: 'open',
        escalated: false,
        explanation: null,
      },
    ],
  }),
  DeviationExplained: (state: ProjectState, { data }: DeviationExplained): ProjectState =>
    updateDeviation(state, data.deviationId, (d) => ({
      ...d,
      status: 'explained',
      explanation: { cause: data.cause, causeDetail: data.causeDetail, measures: data.measures, likelihood: data.likelihood },
    })),
  DeviationResolved: (state: ProjectState, { data }: DeviationResolved): ProjectState =>
    updateDeviation(state, data.deviationId, (d) => ({ ...d, status: 'resolved' })),
  DeviationEscalated: (state: ProjectState, { data }: DeviationEscalated): ProjectState =>
    updateDeviation(state, data.deviationId, (d) => ({ ...d, escalated: true })),
};
