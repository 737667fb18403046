import { accept, refuse } from '../../shared/decision.js';
import { invariant } from '../../shared/domain-error.js';
import { isBusinessDate } from '../../lights/business-date.js';
import { toMs, yearOf } from '../../shared/time.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import type { ProjectState } from '../state.js';
import { assessmentChanges } from './light-changes.js';

/**
 * Assess every light of an executing project as of an assessment date 评估日 (issued by the
 * assessment timer at each date of the rulebook: the end of June, then each month end).
 * Readings whose period ends by `asOf` and spending whose `spentOn` is by `asOf` are judged,
 * so a project that spends nothing is lit for slow execution. Only changes are appended;
 * an assessment that changes nothing is refused (`lights.unchanged`) and writes nothing.
 */
export interface AssessLights {
  type: 'AssessLights';
  /** The business date of the assessment, YYYY-MM-DD, inside the fiscal year and not in the future. */
  asOf: string;
}

export const decideAssessLights = (c: AssessLights, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (!isBusinessDate(c.asOf) || yearOf(c.asOf) !== state.fiscalYear) {
    return refuse(
      invariant('lights.date-outside-fiscal-year', `The assessment date must be a date of fiscal year ${state.fiscalYear}.`, `评估日期须为 ${state.fiscalYear} 预算年度内的日期。`),
    );
  }
  if (toMs(c.asOf) > toMs(ctx.now)) {
    return refuse(invariant('lights.date-in-future', 'Lights cannot be assessed before the date arrives.', '评估日期尚未到来。'));
  }
  const changes = assessmentChanges(state, c.asOf, ctx);
  if (changes.length === 0) {
    return refuse(invariant('lights.unchanged', 'No light changes as of this date.', '截至该日预警灯无变化。', { asOf: c.asOf }));
  }
  return accept(...changes);
};
