import type { DomainEvent } from '../../shared/domain-event.js';
import type { GoalReviewGrade } from '../../scoring/grade.js';
import type { ProjectState } from '../state.js';
import type { IndicatorDefinition } from './indicator.js';

/** The department set (or, after a fair review, revised) the performance goals 绩效目标. */
export type PerformanceGoalSet = DomainEvent<
  'PerformanceGoalSet',
  { overallGoal: string; indicators: IndicatorDefinition[]; revision: number; submittedAt: string }
>;

/**
 * Finance reviewed the goals 目标审核: excellent and good proceed, fair must be revised,
 * poor may not enter budgeting.
 */
export type GoalsReviewed = DomainEvent<
  'GoalsReviewed',
  { grade: GoalReviewGrade; outcome: GoalReviewOutcome; comments: string | null; reviewerId: string | null }
>;

export type GoalReviewOutcome = 'approved' | 'revision-required' | 'barred';

export const reviewOutcomeFor = (grade: GoalReviewGrade): GoalReviewOutcome =>
  grade === 'excellent' || grade === 'good' ? 'approved' : grade === 'fair' ? 'revision-required' : 'barred';

export type GoalsEvent = PerformanceGoalSet | GoalsReviewed;

export const evolveGoals = {
  PerformanceGoalSet: (state: ProjectState, { data }: PerformanceGoalSet): ProjectState => ({
    ...state,
    stage: 'goals-submitted',
    goalsRevision: data.revision,
    goalsReviewGrade: null,
    indicators: data.indicators.map((i) => ({ ...i, startOfYearTarget: i.target, adjustedTarget: null })),
  }),
  GoalsReviewed: (state: ProjectState, { data }: GoalsReviewed): ProjectState => ({
    ...state,
    goalsReviewGrade: data.grade,
    stage: data.outcome === 'approved' ? 'goals-approved' : data.outcome === 'revision-required' ? 'goals-revision' : 'goals-barred',
  }),
};
