import { appliesAutomatically, derivedId, ordersRectification, resultPolicyFor } from '@jixiao/domain';
import type { ProcessManager, Reaction } from '../../process-manager.js';
import { command } from '../../process-manager.js';

/** Derived ids, injective per evaluation and apart from ids a client chooses. */
export const evaluationCutId = (evaluationId: string) => derivedId('evaluation-cut', evaluationId);
export const evaluationRectificationId = (evaluationId: string) => derivedId('evaluation-rectification', evaluationId);
export const incentiveId = (evaluationId: string) => derivedId('incentive', evaluationId);
/** The ids these had before ids were derived: what was done under them stays done (DESIGN §6.5). */
export const legacyEvaluationRectificationId = (evaluationId: string) => `rect-${evaluationId}`;
export const legacyIncentiveId = (evaluationId: string) => `incentive-${evaluationId}`;

/**
 * 2. Result application 结果应用: a final evaluation (one that drives results, never a
 * self-evaluation draft) → the grade's policy in the rulebook in force, as data:
 * - when the policy is automatic (every rulebook before practice-2027): the first
 *   decision it allows, the cut when it sets a proportion, and an incentive 激励 for 优;
 * - when it is not (practice-2027, 10号 "根据情况"): finance chooses the decision and any
 *   cut; the workflow applies nothing;
 * - either way, a grade whose policy orders rectification (中 and 差 under 10号; only 差
 *   before) gets rectification 整改 ordered with the rulebook's deadline.
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
    // Only what is still to do: a worker that died half way through resumes where it stopped.
    const reactions: Reaction[] = [];
    const decision = policy.decisions[0];
    if (appliesAutomatically(policy) && decision) {
      if (!state.result) reactions.push(command({ type: 'ApplyResult', evaluationId, decision, note: `Rulebook ${rulebook.id} v${rulebook.version}, grade ${evaluation.grade}` }));
      const done = (cutId: string) => state.cuts.some((c) => c.cutId === cutId || (c.cause.kind === 'evaluation' && c.cause.evaluationId === evaluationId));
      if (policy.cutProportion > 0 && !done(evaluationCutId(evaluationId))) {
        reactions.push(command({ type: 'CutBudget', cutId: evaluationCutId(evaluationId), cause: { kind: 'evaluation', evaluationId } }));
      }
      const granted = [incentiveId(evaluationId), legacyIncentiveId(evaluationId)].some((id) => state.incentiveIds.includes(id));
      if (evaluation.grade === 'excellent' && policy.incentiveEligible && !granted) {
        reactions.push(command({ type: 'GrantIncentive', incentiveId: incentiveId(evaluationId), evaluationId, measure: 'Priority in next year\'s budget 下年度预算优先保障' }));
      }
    }
    const ordered = state.rectifications.some(
      (r) => r.rectificationId === evaluationRectificationId(evaluationId) || (r.rectificationId === legacyEvaluationRectificationId(evaluationId) && r.evaluationId === evaluationId),
    );
    if (ordersRectification(policy, evaluation.grade) && !ordered) {
      reactions.push(
        command({
          type: 'OrderRectification',
          rectificationId: evaluationRectificationId(evaluationId),
          evaluationId,
          issues: `Evaluation ${evaluationId} graded ${evaluation.grade} (${evaluation.totalScore}): rectify the shortfalls it found`,
        }),
      );
    }
    return reactions;
  },
};
