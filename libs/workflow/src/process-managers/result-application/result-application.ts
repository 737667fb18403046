import { derivedId, resultPolicyFor } from '@jixiao/domain';
import type { ProcessManager, Reaction } from '../../process-manager.js';
import { command } from '../../process-manager.js';

/** Derived ids, injective per evaluation and apart from ids a client chooses (issue 11). */
export const evaluationCutId = (evaluationId: string) => derivedId('evaluation-cut', evaluationId);
export const evaluationRectificationId = (evaluationId: string) => derivedId('evaluation-rectification', evaluationId);
export const incentiveId = (evaluationId: string) => derivedId('incentive', evaluationId);
/** The ids these had before issue 11: what was done under them stays done (DESIGN §6.5). */
export const legacyEvaluationRectificationId = (evaluationId: string) => `rect-${evaluationId}`;
export const legacyIncentiveId = (evaluationId: string) => `incentive-${evaluationId}`;

/**
 * 2. Result application 结果应用: a final evaluation (one that drives results, never a
 * self-evaluation draft) → the grade's policy in the rulebook in force.
 * - excellent → prioritised 优先保障, plus an incentive 激励 when the policy makes it eligible;
 * - good → maintained 维持 (an incentive for a good grade stays finance's discretion);
 * - fair → maintained and cut by the policy's proportion;
 * - poor → the policy's first decision (suspended under national-2020), cut by its
 *   proportion, and rectification 整改 ordered with the rulebook's deadline.
 */
export const resultApplication: ProcessManager = {
  name: 'result-application',
  handles: ['EvaluationScored'],
  react(event, { project: state }, rulebook) {
    const evaluationId = event.data['evaluationId'] as string;
    const evaluation = state.evaluations.find((e) => e.evaluationId === evaluationId);
    if (!evaluation || !evaluation.drivesResults) return [];
    // Results follow the evaluation that ended execution; a later one finds them applied on another's grounds.
    if (state.result ? state.result.evaluationId !== evaluationId : state.stage !== 'evaluated') return [];
    const policy = resultPolicyFor(rulebook, evaluation.grade);
    const decision = policy.decisions[0];
    if (!decision) return [];
    // Only what is still to do: a worker that died half way through resumes where it stopped.
    const reactions: Reaction[] = [];
    if (!state.result) reactions.push(command({ type: 'ApplyResult', evaluationId, decision, note: `Rulebook ${rulebook.id} v${rulebook.version}, grade ${evaluation.grade}` }));
    const done = (cutId: string) => state.cuts.some((c) => c.cutId === cutId || (c.cause.kind === 'evaluation' && c.cause.evaluationId === evaluationId));
    if (policy.cutProportion > 0 && !done(evaluationCutId(evaluationId))) {
      reactions.push(command({ type: 'CutBudget', cutId: evaluationCutId(evaluationId), cause: { kind: 'evaluation', evaluationId } }));
    }
    const granted = [incentiveId(evaluationId), legacyIncentiveId(evaluationId)].some((id) => state.incentiveIds.includes(id));
    if (evaluation.grade === 'excellent' && policy.incentiveEligible && !granted) {
      reactions.push(command({ type: 'GrantIncentive', incentiveId: incentiveId(evaluationId), evaluationId, measure: 'Priority in next year\'s budget 下年度预算优先保障' }));
    }
    const ordered = state.rectifications.some(
      (r) => r.rectificationId === evaluationRectificationId(evaluationId) || (r.rectificationId === legacyEvaluationRectificationId(evaluationId) && r.evaluationId === evaluationId),
    );
    if (evaluation.grade === 'poor' && !ordered) {
      reactions.push(
        command({
          type: 'OrderRectification',
          rectificationId: evaluationRectificationId(evaluationId),
          evaluationId,
          issues: `Evaluation ${evaluationId} graded poor (${evaluation.totalScore}): rectify the shortfalls it found`,
        }),
      );
    }
    return reactions;
  },
};
