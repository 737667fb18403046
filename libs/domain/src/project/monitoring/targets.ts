import { accept, refuse } from '../../shared/decision.js';
import { invariant } from '../../shared/domain-error.js';
import { isNonEmptyText } from '../../shared/time.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import { makeEvent } from '../make-event.js';
import { findIndicator, type ProjectState } from '../state.js';
import { effectiveTarget, isQualitative } from '../goals/indicator.js';
import { applyMonitoring, lightsAfter } from './light-changes.js';

/** A mid-year adjustment 目标调整 of one indicator's numeric target. */
export interface AdjustTarget {
  type: 'AdjustTarget';
  indicatorId: string;
  adjustedTarget: number;
  reason: string;
}

export const decideAdjustTarget = (c: AdjustTarget, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  const indicator = findIndicator(state, c.indicatorId);
  if (!indicator) {
    return refuse(
      invariant('target.unknown-indicator', `Indicator ${c.indicatorId} is not declared in the goals.`, `指标 ${c.indicatorId} 未在绩效目标中设定。`),
    );
  }
  const current = effectiveTarget(indicator);
  if (isQualitative(indicator) || current === null || indicator.startOfYearTarget === null) {
    return refuse(
      invariant('target.qualitative-has-no-target', 'A qualitative indicator has criteria, not a numeric target.', '定性指标没有可调整的数值目标。'),
    );
  }
  const valid =
    typeof c.adjustedTarget === 'number' &&
    Number.isFinite(c.adjustedTarget) &&
    c.adjustedTarget >= 0 &&
    !(indicator.direction === 'higher-is-better' && c.adjustedTarget === 0);
  if (!valid) {
    return refuse(invariant('target.invalid', 'The adjusted target must be a valid target for this indicator.', '调整后目标值无效。'));
  }
  if (!isNonEmptyText(c.reason)) {
    return refuse(invariant('target.reason-required', 'A target adjustment needs a reason.', '目标调整须说明理由。'));
  }
  if (c.adjustedTarget === current) {
    return refuse(invariant('target.unchanged', 'The adjusted target equals the current one.', '调整后目标与现行目标相同。'));
  }
  const adjusted = makeEvent('TargetAdjusted', {
    indicatorId: c.indicatorId,
    startOfYearTarget: indicator.startOfYearTarget,
    previousTarget: current,
    adjustedTarget: c.adjustedTarget,
    reason: c.reason,
    adjustedAt: ctx.now,
  });
  // The latest reading is judged again against the new target; only a change is appended.
  return accept(adjusted, ...lightsAfter(applyMonitoring(state, [adjusted]), adjusted, ctx));
};
