import { rulebookRef } from '../../rulebook/rulebook.js';
import { executionRate } from '../../scoring/execution-rate.js';
import { QUALITATIVE_TIERS } from '../../scoring/self-evaluation/formulas.js';
import { computeSelfEvaluationSheet, hasAtMostTwoDecimals, type SheetIssue, type SheetRowInput } from '../../scoring/self-evaluation/sheet.js';
import { indicatorMaxPoints } from '../../scoring/indicator-points.js';
import { accept, refuse } from '../../shared/decision.js';
import { DomainError, invariant } from '../../shared/domain-error.js';
import { eq, fromNumber } from '../../shared/rational.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import { isQualitative } from '../goals/indicator.js';
import { makeEvent } from '../make-event.js';
import { findIndicator, type ProjectState } from '../state.js';
import type { ScoreEvaluation } from './commands.js';
import { executionRateReasonMissing } from './commands.js';

const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isOptionalText = (x: unknown): boolean => x === undefined || typeof x === 'string';

/** The words for each reason a sheet cannot be submitted yet (see `SheetIssue`). */
const ISSUE_TEXT: Record<SheetIssue['ruleId'], (id: string) => [string, string]> = {
  'evaluation.actual-required': (id) => [`Indicator ${id} has no reading: enter its actual at year end.`, `指标 ${id} 无监控数据，须填报年末实际完成值。`],
  'evaluation.qualitative-points-required': (id) => [`Qualitative indicator ${id} needs the evaluator's points within a tier.`, `定性指标 ${id} 须在所选档次内评分。`],
  'evaluation.points-outside-tier': (id) => [`The points of ${id} lie outside the chosen tier (达成 80–100%, 部分达成 60–80%, 未达成 0–60%).`, `指标 ${id} 得分不在所选档次区间内（达成 80%–100%，部分达成 60%–80%，未达成 0–60%）。`],
  'evaluation.points-out-of-range': (id) => [`The points of ${id} must lie between 0 and its 分值.`, `指标 ${id} 得分须在 0 与分值之间。`],
  'evaluation.override-reason-required': (id) => [`Overriding the computed points of ${id} needs a written reason.`, `调整指标 ${id} 的计算得分须书面说明理由。`],
  'evaluation.shortfall-reason-required': (id) => [`Indicator ${id} is short of its target: state the cause and the remedy (偏差原因分析及改进措施).`, `指标 ${id} 未完成目标，须填写偏差原因分析及改进措施。`],
};

/** The shape of each row input, before any computation: ids known and once, numbers finite, at most two decimals. */
const inputProblem = (scores: readonly SheetRowInput[], state: ProjectState): DomainError | null => {
  const seen = new Set<string>();
  for (const s of scores) {
    const indicator = s && typeof s === 'object' ? findIndicator(state, s.indicatorId) : undefined;
    if (!indicator) {
      return invariant('evaluation.unknown-indicator', `Indicator ${String(s?.indicatorId)} is not in the goals.`, `指标 ${String(s?.indicatorId)} 不在绩效目标中。`);
    }
    if (seen.has(s.indicatorId)) {
      return invariant('evaluation.duplicate-indicator', `Indicator ${s.indicatorId} is scored twice.`, `指标 ${s.indicatorId} 重复评分。`);
    }
    seen.add(s.indicatorId);
    const details = { indicatorId: s.indicatorId };
    if ((s.actual !== undefined && !isFiniteNumber(s.actual)) || (s.points !== undefined && !isFiniteNumber(s.points))) {
      return invariant('evaluation.number-invalid', `Actual and points of ${s.indicatorId} are finite numbers.`, `指标 ${s.indicatorId} 的实际完成值和得分须为有限数值。`, details);
    }
    if (s.points !== undefined && !hasAtMostTwoDecimals(s.points)) {
      return invariant('evaluation.points-precision', `Points of ${s.indicatorId} have at most two decimals.`, `指标 ${s.indicatorId} 得分最多保留两位小数。`, details);
    }
    if (isQualitative(indicator) ? s.actual !== undefined : s.tier !== undefined) {
      return invariant(
        'evaluation.input-not-applicable',
        `A qualitative indicator takes a tier and points; a quantitative one takes an actual (${s.indicatorId}).`,
        `定性指标填报档次和得分，定量指标填报实际完成值（${s.indicatorId}）。`,
        details,
      );
    }
    if (s.tier !== undefined && !QUALITATIVE_TIERS.includes(s.tier)) {
      return invariant('evaluation.tier-invalid', 'A tier is achieved, partly-achieved or not-achieved.', '档次须为达成、部分达成或未达成。', details);
    }
    if (!isOptionalText(s.overrideReason) || !isOptionalText(s.shortfallReason)) {
      return invariant('evaluation.reason-invalid', 'Reasons are text.', '理由须为文本。', details);
    }
  }
  return null;
};

/**
 * A self-evaluation 单位自评: the sheet is computed (`computeSelfEvaluationSheet`) and
 * refused while anything is missing, each gap by its rule id. The event keeps the whole
 * sheet — inputs, formula ids, computed and declared points, override reasons — so the
 * points are recomputable from the history alone. (财预〔2020〕10号 on 单位自评; the 自评表
 * columns 年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施.)
 */
export const decideSelfEvaluation = (c: ScoreEvaluation, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  const scores = Array.isArray(c.scores) ? c.scores : [];
  const problem = inputProblem(scores, state);
  if (problem) return refuse(problem);

  const { issues, rulebook: _ref, ...sheet } = computeSelfEvaluationSheet(state, ctx.rulebook, scores);
  const first = issues[0];
  if (first) {
    const [en, zh] = ISSUE_TEXT[first.ruleId](first.indicatorId);
    return refuse(invariant(first.ruleId, en, zh, { indicatorId: first.indicatorId, issues }));
  }
  const reasonMissing = executionRateReasonMissing(c, state, ctx);
  if (reasonMissing) return refuse(reasonMissing);
  if (c.totalScore !== undefined && !(isFiniteNumber(c.totalScore) && eq(fromNumber(c.totalScore), fromNumber(sheet.totalScore)))) {
    return refuse(
      invariant(
        'evaluation.total-not-sum-of-rows',
        `The declared total ${String(c.totalScore)} is not the sum of the rows, ${sheet.totalScore}.`,
        `申报总分 ${String(c.totalScore)} 不等于各行得分之和 ${sheet.totalScore}。`,
        { declared: c.totalScore, sumOfRows: sheet.totalScore },
      ),
    );
  }

  const maxPoints = indicatorMaxPoints(state.indicators, ctx.rulebook);
  return accept(
    makeEvent('EvaluationScored', {
      evaluationId: c.evaluationId,
      kind: c.kind,
      evaluatorId: c.evaluatorId,
      method: c.method ?? null,
      indicatorScores: sheet.rows.map((r) => ({ indicatorId: r.indicatorId, points: r.points as number, maxPoints: maxPoints.get(r.indicatorId)! })),
      executionRate: executionRate(state.spentFen, state.adjustedBudgetFen),
      executionRatePoints: sheet.executionRatePoints,
      executionRateReason: c.executionRateReason ?? null,
      totalScore: sheet.totalScore,
      grade: sheet.grade,
      drivesResults: false,
      scoredAt: ctx.now,
      rulebook: rulebookRef(ctx.rulebook),
      sheet,
    }),
  );
};
