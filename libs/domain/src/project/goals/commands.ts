import { accept, refuse } from '../../shared/decision.js';
import { invariant } from '../../shared/domain-error.js';
import { isNonEmptyText } from '../../shared/time.js';
import { GOAL_REVIEW_GRADES, type GoalReviewGrade } from '../../scoring/grade.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import { makeEvent } from '../make-event.js';
import type { ProjectState } from '../state.js';
import { reviewOutcomeFor } from './events.js';
import type { IndicatorDefinition } from './indicator.js';
import { checkSmartGoals } from './smart-rules.js';

export interface SetPerformanceGoals {
  type: 'SetPerformanceGoals';
  /** The overall goal 总体目标 in words. */
  overallGoal: string;
  indicators: IndicatorDefinition[];
}

export interface ReviewGoals {
  type: 'ReviewGoals';
  grade: GoalReviewGrade;
  /** Required for fair and poor: the department must know what to fix, or why it is barred. */
  comments?: string;
  reviewerId?: string;
}

export const decideSetPerformanceGoals = (c: SetPerformanceGoals, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (!isNonEmptyText(c.overallGoal)) {
    return refuse(invariant('goals.overall-goal-required', 'Goals need an overall goal in words.', '绩效目标须有总体目标描述。'));
  }
  const broken = checkSmartGoals(c.indicators, state.fiscalYear);
  if (broken) return refuse(broken);
  return accept(
    makeEvent('PerformanceGoalSet', {
      overallGoal: c.overallGoal,
      indicators: c.indicators.map((i) => ({ ...i, criteria: i.criteria ?? null, unit: i.unit ?? null, target: i.target ?? null })),
      revision: state.goalsRevision + 1,
      submittedAt: ctx.now,
    }),
  );
};

export const decideReviewGoals = (c: ReviewGoals, _state: ProjectState, _ctx: DecideContext): ProjectDecision => {
  if (!GOAL_REVIEW_GRADES.includes(c.grade)) {
    return refuse(invariant('review.grade-invalid', 'The review grade is excellent, good, fair or poor.', '审核等级须为优、良、中、差。'));
  }
  if ((c.grade === 'fair' || c.grade === 'poor') && !isNonEmptyText(c.comments)) {
    return refuse(
      invariant(
        'review.comments-required',
        'A fair or poor review must say what is wrong.',
        '审核等级为中或差时须说明问题。',
      ),
    );
  }
  return accept(
    makeEvent('GoalsReviewed', {
      grade: c.grade,
      outcome: reviewOutcomeFor(c.grade),
      comments: c.comments ?? null,
      reviewerId: c.reviewerId ?? null,
    }),
  );
};
