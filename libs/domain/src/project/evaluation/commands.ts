import { rulebookRef } from '../../rulebook/rulebook.js';
import { executionRate, executionRatePoints } from '../../scoring/execution-rate.js';
import { gradeFor } from '../../scoring/grade.js';
import { indicatorMaxPoints } from '../../scoring/indicator-points.js';
import { totalScore } from '../../scoring/total-score.js';
import { accept, refuse } from '../../shared/decision.js';
import { invariant } from '../../shared/domain-error.js';
import { isNonEmptyText } from '../../shared/time.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import { makeEvent } from '../make-event.js';
import type { ProjectState } from '../state.js';
import type { EvaluationKind, EvaluationMethod } from './events.js';
import { decideSelfEvaluation } from './self-evaluation.js';
import type { SheetRowInput } from '../../scoring/self-evaluation/sheet.js';
import { takenInEarlierYear } from '../cycles/cycle.js';

const EVALUATOR_KINDS = ['department', 'finance', 'third-party'] as const;
const EVALUATION_KINDS: readonly EvaluationKind[] = ['self', ...EVALUATOR_KINDS];
const METHODS: readonly EvaluationMethod[] = ['cost-benefit', 'comparison', 'factor-analysis', 'lowest-cost', 'public-assessment'];

export interface AssignEvaluator {
  type: 'AssignEvaluator';
  evaluatorId: string;
  evaluatorKind: (typeof EVALUATOR_KINDS)[number];
}

/**
 * Score an evaluation.
 *
 * A self-evaluation (单位自评, kind `self`) is the computed sheet 绩效自评表: each row's
 * points come from the rulebook's formula over the target in force and the latest reading
 * (or `actual`, entered at year end); `scores` adds what only the evaluator knows — the
 * qualitative picks, shortfall reasons, and overrides, each with its reason. See
 * `computeSelfEvaluationSheet`.
 *
 * Other kinds (部门评价, 财政评价, 第三方) use their own frameworks (10号: 决策/过程/产出/
 * 效益, domain-rules R5): the evaluator gives every indicator's points.
 *
 * Either way the execution-rate points, the total and the grade are derived here.
 */
export interface ScoreEvaluation {
  type: 'ScoreEvaluation';
  evaluationId: string;
  kind: EvaluationKind;
  evaluatorId: string;
  method?: EvaluationMethod;
  scores: Array<SheetRowInput>;
  /** Required when the execution rate is below the rulebook's warning line. */
  executionRateReason?: string;
  /** A self-evaluation's declared total; refused unless it is the sum of its rows. */
  totalScore?: number;
}

/** The refusal when the execution rate is below the rulebook's warning line and no reason is given, else null. */
export const executionRateReasonMissing = (c: Pick<ScoreEvaluation, 'executionRateReason'>, state: ProjectState, ctx: DecideContext) => {
  const rate = executionRate(state.spentFen, state.adjustedBudgetFen);
  if (rate >= ctx.rulebook.executionRateWarning || isNonEmptyText(c.executionRateReason)) return null;
  return invariant(
    'evaluation.execution-rate-reason-required',
    `The execution rate ${(rate * 100).toFixed(1)}% is below ${ctx.rulebook.executionRateWarning * 100}%; state the reason.`,
    `预算执行率 ${(rate * 100).toFixed(1)}% 低于 ${ctx.rulebook.executionRateWarning * 100}%，须说明原因。`,
    { executionRate: rate },
  );
};

/** The checks every kind shares: ids, kind, method, a new id, a third party only where assigned. */
export const evaluationHeaderProblem = (c: ScoreEvaluation, state: ProjectState) => {
  if (!isNonEmptyText(c.evaluationId) || !isNonEmptyText(c.evaluatorId)) {
    return invariant('evaluation.ids-required', 'An evaluation needs an id and an evaluator.', '评价须有标识和评价主体。');
  }
  if (!EVALUATION_KINDS.includes(c.kind)) {
    return invariant('evaluation.kind-invalid', 'Unknown evaluation kind.', '评价类型无效。');
  }
  if (c.method !== undefined && !METHODS.includes(c.method)) {
    return invariant('evaluation.method-invalid', 'Unknown evaluation method.', '评价方法无效。');
  }
  if (state.evaluations.some((e) => e.evaluationId === c.evaluationId) || takenInEarlierYear(state, 'evaluation', c.evaluationId)) {
    return invariant('evaluation.duplicate-id', `Evaluation ${c.evaluationId} already exists.`, `评价 ${c.evaluationId} 已存在。`);
  }
  if (c.kind === 'third-party' && !state.evaluators.includes(c.evaluatorId)) {
    return invariant('evaluation.evaluator-not-assigned', 'A third party may only evaluate a project assigned to it.', '第三方机构只能评价指派给其的项目。', {
      evaluatorId: c.evaluatorId,
    });
  }
  return null;
};

export const decideAssignEvaluator = (c: AssignEvaluator, state: ProjectState, _ctx: DecideContext): ProjectDecision => {
  if (!isNonEmptyText(c.evaluatorId) || !EVALUATOR_KINDS.includes(c.evaluatorKind)) {
    return refuse(
      invariant('evaluation.evaluator-invalid', 'An evaluator needs an id and a kind (department, finance, third-party).', '评价主体须有标识和类型。'),
    );
  }
  if (state.evaluators.includes(c.evaluatorId)) {
    return refuse(invariant('evaluation.evaluator-already-assigned', 'The evaluator is already assigned.', '该评价主体已指派。'));
  }
  return accept(makeEvent('EvaluatorAssigned', { evaluatorId: c.evaluatorId, evaluatorKind: c.evaluatorKind }));
};

export const decideScoreEvaluation = (c: ScoreEvaluation, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  const header = evaluationHeaderProblem(c, state);
  if (header) return refuse(header);
  if (c.kind === 'self') return decideSelfEvaluation(c, state, ctx);

  const maxPoints = indicatorMaxPoints(state.indicators, ctx.rulebook);
  const scores = Array.isArray(c.scores) ? c.scores : [];
  const seen = new Set<string>();
  for (const s of scores) {
    const max = maxPoints.get(s.indicatorId);
    if (max === undefined) {
      return refuse(
        invariant('evaluation.unknown-indicator', `Indicator ${s.indicatorId} is not in the goals.`, `指标 ${s.indicatorId} 不在绩效目标中。`),
      );
    }
    if (seen.has(s.indicatorId)) {
      return refuse(invariant('evaluation.duplicate-indicator', `Indicator ${s.indicatorId} is scored twice.`, `指标 ${s.indicatorId} 重复评分。`));
    }
    seen.add(s.indicatorId);
    // A hair of tolerance: the cap is itself a computed fraction (50 × 30/70).
    if (typeof s.points !== 'number' || !Number.isFinite(s.points) || s.points < 0 || s.points > max + 1e-9) {
      return refuse(
        invariant(
          'evaluation.points-out-of-range',
          `Indicator ${s.indicatorId} scores between 0 and ${max.toFixed(2)} points.`,
          `指标 ${s.indicatorId} 得分须在 0 到 ${max.toFixed(2)} 分之间。`,
          { indicatorId: s.indicatorId, maxPoints: max },
        ),
      );
    }
  }
  const missing = state.indicators.filter((i) => !seen.has(i.indicatorId)).map((i) => i.indicatorId);
  if (missing.length > 0) {
    return refuse(
      invariant('evaluation.indicator-missing', `Every indicator must be scored; missing: ${missing.join(', ')}.`, `须对每个指标评分，缺少：${missing.join('、')}。`, {
        missing,
      }),
    );
  }

  const rate = executionRate(state.spentFen, state.adjustedBudgetFen);
  const reasonMissing = executionRateReasonMissing(c, state, ctx);
  if (reasonMissing) return refuse(reasonMissing);
  const ratePoints = executionRatePoints(rate, ctx.rulebook.selfEvaluationWeights.executionRate);
  const total = totalScore([...scores.map((s) => s.points as number), ratePoints]);
  return accept(
    makeEvent('EvaluationScored', {
      evaluationId: c.evaluationId,
      kind: c.kind,
      evaluatorId: c.evaluatorId,
      method: c.method ?? null,
      indicatorScores: state.indicators.map((i) => ({
        indicatorId: i.indicatorId,
        points: scores.find((s) => s.indicatorId === i.indicatorId)!.points as number,
        maxPoints: maxPoints.get(i.indicatorId)!,
      })),
      executionRate: rate,
      executionRatePoints: ratePoints,
      executionRateReason: c.executionRateReason ?? null,
      totalScore: total,
      grade: gradeFor(total, ctx.rulebook),
      drivesResults: true,
      scoredAt: ctx.now,
      rulebook: rulebookRef(ctx.rulebook),
      sheet: null,
    }),
  );
};
