import { rulebookRef } from '../../rulebook/rulebook.js';
import type { Likelihood } from '../../deviation/check-deviation.js';
import { accept, refuse } from '../../shared/decision.js';
import { DomainError, invariant } from '../../shared/domain-error.js';
import { parsePeriod, type Period } from '../../shared/period.js';
import { isNonEmptyText, toInstant, toMs, addDays } from '../../shared/time.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import { makeEvent } from '../make-event.js';
import { findIndicator, type ProjectState } from '../state.js';
import { isQualitative } from '../goals/indicator.js';
import { overdueKey } from './events.js';
import { COMPLETIONS, type Completion } from '../../lights/light.js';
import { applyMonitoring, lightsAfter } from './light-changes.js';
import { takenInEarlierYear } from '../cycles/cycle.js';

export const LIKELIHOODS: readonly Likelihood[] = ['certain', 'possible', 'impossible'];

export interface RecordReading {
  type: 'RecordReading';
  readingId: string;
  indicatorId: string;
  /** "2025-03" for a monthly cadence, "2025-Q1" for a quarterly one. */
  period: string;
  /** Cumulative actual for a quantitative indicator; omitted for a qualitative one. */
  value?: number;
  /** If given, must be the indicator's unit: readings are never converted silently. */
  unit?: string;
  /** Stated likelihood of meeting the goal; required for a qualitative indicator. */
  likelihood?: Likelihood;
  /** Observed completion 完成情况 of a qualitative indicator; it, not the likelihood, lights the indicator. */
  completion?: Completion;
  note?: string;
}

/** Raised by the monitoring timer when a period's reading has not arrived in time. */
export interface FlagReadingOverdue {
  type: 'FlagReadingOverdue';
  indicatorId: string;
  period: string;
}

/** A period inside the project's fiscal year, in the rulebook's cadence, or the reason it is not. */
const periodInProject = (period: string, state: ProjectState, ctx: DecideContext): Period | DomainError => {
  const parsed = parsePeriod(period, ctx.rulebook.monitoringCadence);
  if (!parsed || parsed.year !== state.fiscalYear) {
    return invariant(
      'reading.period-outside-project',
      `The period must be a ${ctx.rulebook.monitoringCadence} period of fiscal year ${state.fiscalYear}.`,
      `监控期须为 ${state.fiscalYear} 预算年度内的${ctx.rulebook.monitoringCadence === 'monthly' ? '月份' : '季度'}。`,
      { period },
    );
  }
  return parsed;
};

const unknownIndicator = (indicatorId: string): DomainError =>
  invariant('reading.unknown-indicator', `Indicator ${indicatorId} is not declared in the goals.`, `指标 ${indicatorId} 未在绩效目标中设定。`, {
    indicatorId,
  });

export const decideRecordReading = (c: RecordReading, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (!isNonEmptyText(c.readingId)) {
    return refuse(invariant('reading.id-required', 'A reading needs an id.', '监控数据须有标识。'));
  }
  if (state.readings.some((r) => r.readingId === c.readingId) || takenInEarlierYear(state, 'reading', c.readingId)) {
    return refuse(invariant('reading.duplicate-id', `Reading ${c.readingId} is already recorded.`, `监控数据 ${c.readingId} 已记录。`));
  }
  const indicator = findIndicator(state, c.indicatorId);
  if (!indicator) return refuse(unknownIndicator(c.indicatorId));
  const period = periodInProject(c.period, state, ctx);
  if (period instanceof DomainError) return refuse(period);
  if (period.startMs > toMs(ctx.now)) {
    return refuse(invariant('reading.period-in-future', 'A period cannot be read before it begins.', '监控期尚未开始，不得填报。'));
  }
  if (state.readings.some((r) => r.indicatorId === c.indicatorId && r.period === c.period)) {
    return refuse(
      invariant('reading.period-already-recorded', 'This indicator already has a reading for the period.', '该指标本期已填报。'),
    );
  }
  if (c.likelihood !== undefined && !LIKELIHOODS.includes(c.likelihood)) {
    return refuse(invariant('reading.likelihood-invalid', 'Likelihood is certain, possible or impossible.', '完成可能性须为确定能、有可能或完全不可能。'));
  }
  if (c.completion !== undefined && (!isQualitative(indicator) || !COMPLETIONS.includes(c.completion))) {
    return refuse(
      invariant(
        'reading.completion-invalid',
        'Completion is achieved, partly-achieved or not-achieved, and only for a qualitative indicator.',
        '完成情况须为达到、部分达到或未达到，且仅适用于定性指标。',
      ),
    );
  }
  if (isQualitative(indicator)) {
    if (c.likelihood === undefined) {
      return refuse(
        invariant('reading.likelihood-required', 'A qualitative reading states the likelihood of meeting the goal.', '定性指标须填报完成可能性。'),
      );
    }
  } else {
    if (typeof c.value !== 'number' || !Number.isFinite(c.value)) {
      return refuse(invariant('reading.value-required', 'A quantitative reading needs a numeric value.', '定量指标须填报数值。'));
    }
    if (c.unit !== undefined && c.unit !== indicator.unit) {
      return refuse(
        invariant('reading.unit-mismatch', `The reading must be in ${indicator.unit}.`, `监控数据计量单位须为 ${indicator.unit}。`, {
          expected: indicator.unit,
          given: c.unit,
        }),
      );
    }
  }
  const recorded = makeEvent('MonitoringReadingRecorded', {
    readingId: c.readingId,
    indicatorId: c.indicatorId,
    period: c.period,
    value: isQualitative(indicator) ? null : (c.value as number),
    unit: indicator.unit,
    likelihood: c.likelihood ?? null,
    completion: c.completion ?? null,
    note: c.note ?? null,
    legacyLights: null,
  });
  // The reading's light is decided here, as of the end of its period (DESIGN §6.2–6.3);
  // a reading for an earlier period than the indicator's latest does not move its light.
  return accept(recorded, ...lightsAfter(applyMonitoring(state, [recorded]), recorded, ctx));
};

export const decideFlagReadingOverdue = (c: FlagReadingOverdue, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (!findIndicator(state, c.indicatorId)) return refuse(unknownIndicator(c.indicatorId));
  const period = periodInProject(c.period, state, ctx);
  if (period instanceof DomainError) return refuse(period);
  const dueBy = addDays(toInstant(period.endMs), ctx.rulebook.readingDueDays);
  if (toMs(ctx.now) <= toMs(dueBy)) {
    return refuse(
      invariant('reading.not-yet-overdue', `The reading is due by ${dueBy}.`, `该期监控数据截止时间为 ${dueBy}，尚未逾期。`, { dueBy }),
    );
  }
  if (state.readings.some((r) => r.indicatorId === c.indicatorId && r.period === c.period)) {
    return refuse(invariant('reading.already-recorded', 'The reading for this period was recorded.', '该期监控数据已填报。'));
  }
  if (state.overdueReadings.includes(overdueKey(c.indicatorId, c.period))) {
    return refuse(invariant('reading.overdue-already-flagged', 'This period is already flagged overdue.', '该期已标记为逾期。'));
  }
  return accept(
    makeEvent('ReadingOverdueFlagged', { indicatorId: c.indicatorId, period: c.period, dueBy, rulebook: rulebookRef(ctx.rulebook) }),
  );
};
