import { rulebookRef } from '../../rulebook/rulebook.js';
import { checkBudgetDeviation } from '../../deviation/check-budget-deviation.js';
import { checkDeviation, type DeviationCheck, type Likelihood } from '../../deviation/check-deviation.js';
import type { Rulebook } from '../../rulebook/rulebook.js';
import { accept, refuse } from '../../shared/decision.js';
import { invariant } from '../../shared/domain-error.js';
import { daysBetween, isNonEmptyText } from '../../shared/time.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import { makeEvent } from '../make-event.js';
import { findIndicator, type Deviation, type ProjectState, type Reading } from '../state.js';
import { effectiveTarget } from '../goals/indicator.js';
import type { DeviationCause } from './events.js';
import { LIKELIHOODS } from './readings.js';
import { takenInEarlierYear } from '../cycles/cycle.js';

/**
 * How far a recorded reading is behind time-proportional progress, judged against its
 * indicator's effective target (the adjusted one if any). The one place the decider and
 * the deviation-check process manager ask this question.
 */
export const readingDeviation = (
  state: ProjectState,
  reading: Reading,
  rulebook: Pick<Rulebook, 'deviationThresholds' | 'monitoringCadence'>,
): DeviationCheck | undefined => {
  const indicator = findIndicator(state, reading.indicatorId);
  if (!indicator) return undefined;
  return checkDeviation({
    comparator: indicator.comparator,
    target: effectiveTarget(indicator),
    reading,
    period: reading.period,
    fiscalYear: state.fiscalYear,
    rulebook,
  });
};

export const DEVIATION_CAUSES: readonly DeviationCause[] = ['funding', 'rules', 'staff', 'equipment', 'other'];

/**
 * Flag a deviation on a reading or on budget execution. The caller names what to check;
 * the level, expected value and gap are computed here from the rulebook, never supplied,
 * and a flag the numbers do not support is refused.
 */
export interface FlagDeviation {
  type: 'FlagDeviation';
  deviationId: string;
  subject: { kind: 'indicator'; readingId: string } | { kind: 'budget' };
}

export interface ExplainDeviation {
  type: 'ExplainDeviation';
  deviationId: string;
  cause: DeviationCause;
  /** Required when the cause is "other". */
  causeDetail?: string;
  /** Corrective measures 纠偏措施. */
  measures: string;
  likelihood: Likelihood;
}

export interface ResolveDeviation {
  type: 'ResolveDeviation';
  deviationId: string;
  resolution: string;
}

export interface EscalateDeviation {
  type: 'EscalateDeviation';
  deviationId: string;
}

const unknownDeviation = (deviationId: string) =>
  invariant('deviation.unknown', `There is no deviation ${deviationId}.`, `偏差 ${deviationId} 不存在。`, { deviationId });

const alreadyResolved = () => invariant('deviation.already-resolved', 'The deviation is already resolved.', '该偏差已纠正。');

const findDeviation = (state: ProjectState, deviationId: string): Deviation | undefined =>
  state.deviations.find((d) => d.deviationId === deviationId);

export const decideFlagDeviation = (c: FlagDeviation, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (!isNonEmptyText(c.deviationId)) {
    return refuse(invariant('deviation.id-required', 'A deviation needs an id.', '偏差须有标识。'));
  }
  if (c.deviationId.startsWith('light-')) {
    return refuse(invariant('deviation.id-reserved', 'Ids starting "light-" are minted by the lights.', '以 "light-" 开头的标识由预警灯生成，不得使用。'));
  }
  if (findDeviation(state, c.deviationId) || takenInEarlierYear(state, 'deviation', c.deviationId)) {
    return refuse(invariant('deviation.duplicate-id', `Deviation ${c.deviationId} already exists.`, `偏差 ${c.deviationId} 已存在。`));
  }
  const withinThreshold = () =>
    invariant(
      'deviation.within-threshold',
      'Progress is within the rulebook thresholds; there is no deviation to flag.',
      '进度偏差未超过阈值，无需预警。',
    );
  const alreadyFlagged = () =>
    invariant('deviation.already-flagged', 'An open deviation already covers this.', '已有未纠正的同一偏差。');

  if (c.subject?.kind === 'budget') {
    if (state.deviations.some((d) => d.subject.kind === 'budget' && d.status !== 'resolved' && d.status !== 'cleared')) return refuse(alreadyFlagged());
    const check = checkBudgetDeviation({
      spentFen: state.spentFen,
      adjustedBudgetFen: state.adjustedBudgetFen,
      asOf: ctx.now,
      fiscalYear: state.fiscalYear,
      rulebook: ctx.rulebook,
    });
    if (check.level === 'none') return refuse(withinThreshold());
    return accept(
      makeEvent('DeviationFlagged', {
        deviationId: c.deviationId,
        subject: { kind: 'budget' },
        level: check.level,
        expected: check.expected,
        actual: state.spentFen,
        ratio: null,
        gap: check.gap,
        progress: check.progress,
        asOf: ctx.now.slice(0, 10),
        flaggedAt: ctx.now,
        rulebook: rulebookRef(ctx.rulebook),
      }),
    );
  }

  const readingId = c.subject?.kind === 'indicator' ? c.subject.readingId : undefined;
  const reading = state.readings.find((r) => r.readingId === readingId);
  if (!reading) {
    return refuse(invariant('deviation.unknown-reading', `There is no reading ${readingId}.`, `监控数据 ${readingId} 不存在。`));
  }
  if (state.deviations.some((d) => d.subject.kind === 'indicator' && d.subject.readingId === reading.readingId)) {
    return refuse(alreadyFlagged());
  }
  const check = readingDeviation(state, reading, ctx.rulebook)!;
  if (check.level === 'none') return refuse(withinThreshold());
  return accept(
    makeEvent('DeviationFlagged', {
      deviationId: c.deviationId,
      subject: { kind: 'indicator', indicatorId: reading.indicatorId, readingId: reading.readingId, period: reading.period },
      level: check.level,
      expected: check.expected,
      actual: reading.value,
      ratio: null,
      gap: check.gap,
      progress: check.progress,
      asOf: ctx.now.slice(0, 10),
      flaggedAt: ctx.now,
      rulebook: rulebookRef(ctx.rulebook),
    }),
  );
};

export const decideExplainDeviation = (c: ExplainDeviation, state: ProjectState, _ctx: DecideContext): ProjectDecision => {
  const deviation = findDeviation(state, c.deviationId);
  if (!deviation) return refuse(unknownDeviation(c.deviationId));
  if (deviation.status === 'resolved') return refuse(alreadyResolved());
  if (!DEVIATION_CAUSES.includes(c.cause)) {
    return refuse(
      invariant('deviation.cause-invalid', 'The cause is funding, rules, staff, equipment or other.', '偏差原因须为经费、制度、人员、硬件或其他。'),
    );
  }
  if (c.cause === 'other' && !isNonEmptyText(c.causeDetail)) {
    return refuse(invariant('deviation.cause-detail-required', 'An "other" cause must be described.', '原因为"其他"时须具体说明。'));
  }
  if (!isNonEmptyText(c.measures)) {
    return refuse(invariant('deviation.measures-required', 'Corrective measures are required.', '须说明纠偏措施。'));
  }
  if (!LIKELIHOODS.includes(c.likelihood)) {
    return refuse(invariant('deviation.likelihood-invalid', 'Likelihood is certain, possible or impossible.', '完成可能性须为确定能、有可能或完全不可能。'));
  }
  return accept(
    makeEvent('DeviationExplained', {
      deviationId: c.deviationId,
      cause: c.cause,
      causeDetail: c.causeDetail ?? null,
      measures: c.measures,
      likelihood: c.likelihood,
    }),
  );
};

export const decideResolveDeviation = (c: ResolveDeviation, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  const deviation = findDeviation(state, c.deviationId);
  if (!deviation) return refuse(unknownDeviation(c.deviationId));
  if (deviation.status === 'resolved') return refuse(alreadyResolved());
  if (deviation.status === 'cleared') {
    return refuse(invariant('deviation.already-cleared', 'The data have already cleared this warning.', '数据已恢复，该预警已解除。'));
  }
  if (deviation.status !== 'explained') {
    return refuse(invariant('deviation.unexplained', 'A deviation must be explained before it is resolved.', '偏差须先说明原因才能纠正。'));
  }
  if (!isNonEmptyText(c.resolution)) {
    return refuse(invariant('deviation.resolution-required', 'Say how the deviation was resolved.', '须说明纠偏结果。'));
  }
  return accept(makeEvent('DeviationResolved', { deviationId: c.deviationId, resolution: c.resolution, resolvedAt: ctx.now }));
};

export const decideEscalateDeviation = (c: EscalateDeviation, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  const deviation = findDeviation(state, c.deviationId);
  if (!deviation) return refuse(unknownDeviation(c.deviationId));
  if (deviation.status === 'cleared') {
    // An explanation is owed only while the warning is open (it is listed as cleared unexplained instead).
    return refuse(invariant('deviation.already-cleared', 'The data have already cleared this warning.', '数据已恢复，该预警已解除。'));
  }
  if (deviation.status !== 'open') {
    return refuse(
      invariant('deviation.already-explained', 'Only an unexplained deviation is escalated.', '仅对未说明原因的偏差升级处理。'),
    );
  }
  if (deviation.escalated) {
    return refuse(invariant('deviation.already-escalated', 'The deviation is already escalated.', '该偏差已升级。'));
  }
  const waited = daysBetween(deviation.flaggedAt, ctx.now);
  if (waited < ctx.rulebook.escalationDays) {
    return refuse(
      invariant(
        'deviation.escalation-too-early',
        `A deviation may be escalated ${ctx.rulebook.escalationDays} days after it was flagged.`,
        `偏差预警 ${ctx.rulebook.escalationDays} 天后方可升级。`,
        { flaggedAt: deviation.flaggedAt },
      ),
    );
  }
  return accept(
    makeEvent('DeviationEscalated', {
      deviationId: c.deviationId,
      flaggedAt: deviation.flaggedAt,
      escalatedAt: ctx.now,
      rulebook: rulebookRef(ctx.rulebook),
    }),
  );
};
