import { invariant, type DomainError } from '../../shared/domain-error.js';
import { isRectificationOverdue, type Evaluation, type ProjectState, type Rectification } from '../state.js';

/**
 * The evaluation a consequence rests on: it must exist and be one that drives results
 * (a self-evaluation never does).
 */
export const resultDrivingEvaluation = (state: ProjectState, evaluationId: string, area: string): Evaluation | DomainError => {
  const evaluation = state.evaluations.find((e) => e.evaluationId === evaluationId);
  if (!evaluation) {
    return invariant(`${area}.unknown-evaluation`, `There is no evaluation ${evaluationId}.`, `评价 ${evaluationId} 不存在。`, { evaluationId });
  }
  if (!evaluation.drivesResults) {
    return invariant(
      `${area}.self-evaluation-does-not-drive-results`,
      'A self-evaluation informs but does not drive results.',
      '单位自评结果不直接用于结果应用。',
      { evaluationId },
    );
  }
  return evaluation;
};

/** The rectification a consequence rests on: it must exist and be overdue now. */
export const overdueRectification = (state: ProjectState, rectificationId: string, now: string, area: string): Rectification | DomainError => {
  const rectification = state.rectifications.find((r) => r.rectificationId === rectificationId);
  if (!rectification) {
    return invariant(`${area}.unknown-rectification`, `There is no rectification ${rectificationId}.`, `整改 ${rectificationId} 不存在。`);
  }
  if (!isRectificationOverdue(rectification, now)) {
    return invariant(
      `${area}.rectification-not-overdue`,
      `Rectification ${rectificationId} is not overdue (deadline ${rectification.deadline}).`,
      `整改 ${rectificationId} 未逾期（期限 ${rectification.deadline}）。`,
      { deadline: rectification.deadline },
    );
  }
  return rectification;
};
