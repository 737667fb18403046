import type { RulebookRef } from '../../rulebook/rulebook.js';
import type { Grade } from '../../scoring/grade.js';
import type { SelfEvaluationSheet } from '../../scoring/self-evaluation/sheet.js';
import type { DomainEvent } from '../../shared/domain-event.js';
import type { ProjectState } from '../state.js';

/**
 * Who evaluates 评价主体: the department itself (单位自评), the department in charge
 * (部门评价), finance (财政评价) or a commissioned third party (第三方机构).
 */
export type EvaluationKind = 'self' | 'department' | 'finance' | 'third-party';

/** Evaluation methods 评价方法. */
export type EvaluationMethod = 'cost-benefit' | 'comparison' | 'factor-analysis' | 'lowest-cost' | 'public-assessment';

export interface IndicatorScore {
  indicatorId: string;
  points: number;
  maxPoints: number;
}

/**
 * The self-evaluation sheet 绩效自评表 as submitted: every input of the computation (target,
 * actual and its source, formula id, exact 分值, the rulebook's scoring options) beside the
 * computed and the declared points, so an auditor recomputes each row from this event and
 * the goals alone. The rulebook id and version are the event's own `rulebook`.
 */
export type SubmittedSheet = Omit<SelfEvaluationSheet, 'issues' | 'rulebook'>;

/** An evaluator was assigned to the project; a third party may only score projects assigned to it. */
export type EvaluatorAssigned = DomainEvent<'EvaluatorAssigned', { evaluatorId: string; evaluatorKind: Exclude<EvaluationKind, 'self'> }>;

/**
 * An evaluation 绩效评价 was scored; the grade was derived from the total by the rulebook.
 * Schema v2 added `sheet`: the computed self-evaluation sheet, or null for an evaluation
 * whose points the evaluator gave (department, finance, third party) and for every v1 event.
 */
export type EvaluationScored = DomainEvent<
  'EvaluationScored',
  {
    evaluationId: string;
    kind: EvaluationKind;
    evaluatorId: string;
    method: EvaluationMethod | null;
    indicatorScores: IndicatorScore[];
    executionRate: number;
    executionRatePoints: number;
    executionRateReason: string | null;
    totalScore: number;
    grade: Grade;
    drivesResults: boolean;
    scoredAt: string;
    rulebook: RulebookRef;
    sheet: SubmittedSheet | null;
  },
  2
>;

export type EvaluationEvent = EvaluatorAssigned | EvaluationScored;

export const evolveEvaluation = {
  EvaluatorAssigned: (state: ProjectState, { data }: EvaluatorAssigned): ProjectState => ({
    ...state,
    evaluators: [...state.evaluators, data.evaluatorId],
  }),
  EvaluationScored: (state: ProjectState, { data }: EvaluationScored): ProjectState => ({
    ...state,
    // An evaluation that drives results ends execution; a self-evaluation does not.
    stage: data.drivesResults && state.stage === 'executing' ? 'evaluated' : state.stage,
    evaluations: [
      ...state.evaluations,
      {
        evaluationId: data.evaluationId,
        kind: data.kind,
        evaluatorId: data.evaluatorId,
        method: data.method,
        indicatorScores: data.indicatorScores,
        executionRate: data.executionRate,
        totalScore: data.totalScore,
        grade: data.grade,
        drivesResults: data.drivesResults,
        rulebook: data.rulebook,
      },
    ],
  }),
};
