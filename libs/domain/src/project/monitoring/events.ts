import type { RulebookRef } from '../../rulebook/rulebook.js';
import type { DeviationLevel, Likelihood } from '../../deviation/check-deviation.js';
import type { DomainEvent } from '../../shared/domain-event.js';
import type { Fen } from '../../shared/money.js';
import type { ProjectState } from '../state.js';
import type { Completion } from '../../lights/light.js';
import { evolveLights, setLight, type LightEvent } from './light-events.js';

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
 * `likelihood` explicit (see upcasting/ for version 1). Version 3: the observed
 * `completion` of a qualitative indicator, and `legacyLights`: null for a reading whose
 * lights are light events decided with it; for a reading recorded before lights were
 * decided (upcast from v2), the rulebook whose rule lit it then (national-2020 v1), so a
 * read model shows it as it was shown.
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
    /** Observed completion 完成情况 of a qualitative indicator (达到 / 部分达到 / 未达到); null otherwise. */
    completion: Completion | null;
    note: string | null;
    legacyLights: RulebookRef | null;
  },
  3
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

/**
 * A warning light (yellow or red) came on for a subject that had none. Version 2 adds the
 * business date judged (`asOf`) and the ratio; `flaggedAt` is entry time, from which the
 * department's deadline to explain runs (DESIGN §6.3). See upcasting/ for version 1.
 */
export type DeviationFlagged = DomainEvent<
  'DeviationFlagged',
  {
    deviationId: string;
    subject: DeviationSubject;
    level: Exclude<DeviationLevel, 'none'>;
    expected: number | null;
    actual: number | null;
    /** Actual ÷ expected (or execution rate ÷ 序时进度); null under the gap form. */
    ratio: number | null;
    gap: number;
    progress: number;
    /** Business date judged (YYYY-MM-DD). */
    asOf: string;
    flaggedAt: string;
    rulebook: RulebookRef;
  },
  2
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
  | DeviationEscalated
  | LightEvent;

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
    spending: [...state.spending, { spentOn: data.spentOn, amountFen: data.amountFen }],
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
        ...(data.completion ? { completion: data.completion } : {}),
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
    ...setLight(state, data.subject, data.level, data.asOf),
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
      // A warning the data already cleared stays cleared; the explanation is kept beside it.
      status: d.status === 'cleared' ? 'cleared' : 'explained',
      explanation: { cause: data.cause, causeDetail: data.causeDetail, measures: data.measures, likelihood: data.likelihood },
    })),
  DeviationResolved: (state: ProjectState, { data }: DeviationResolved): ProjectState =>
    updateDeviation(state, data.deviationId, (d) => ({ ...d, status: 'resolved' })),
  DeviationEscalated: (state: ProjectState, { data }: DeviationEscalated): ProjectState =>
    updateDeviation(state, data.deviationId, (d) => ({ ...d, escalated: true })),
  ...evolveLights,
};
