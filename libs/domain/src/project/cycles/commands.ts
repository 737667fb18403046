import { accept, refuse } from '../../shared/decision.js';
import { invariant } from '../../shared/domain-error.js';
import { isPositiveFen, type Fen } from '../../shared/money.js';
import { isNonEmptyText } from '../../shared/time.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import type { IndicatorDefinition } from '../goals/indicator.js';
import { checkSmartGoals } from '../goals/smart-rules.js';
import { makeEvent } from '../make-event.js';
import { openRectifications, type ProjectState } from '../state.js';
import { cutCapFen } from './cycle.js';
import { midLifeOf, needsMidTermEvaluation } from './mid-life.js';

/**
 * The department's request for the next fiscal year of a continuing project 延续性项目:
 * that year's annual goals 年度目标 and the amount requested, in fen. Given once year N's
 * result is applied (stage `results`); the goals then await finance's review.
 */
export interface OpenNextCycle {
  type: 'OpenNextCycle';
  /** The year asked for: the current fiscal year + 1. */
  fiscalYear: number;
  overallGoal: string;
  indicators: IndicatorDefinition[];
  requestedFen: Fen;
}

/** Medium-term goals 中期目标 for the implementation period 实施期 (fiscal years, inclusive). */
export interface SetMediumTermGoals {
  type: 'SetMediumTermGoals';
  startYear: number;
  endYear: number;
  overallGoal: string;
  indicators: string[];
}

/** The workflow's mid-life timer orders a mid-term evaluation 中期评价 (10号). */
export interface OrderMidTermEvaluation {
  type: 'OrderMidTermEvaluation';
}

/** The longest implementation period accepted, in years (a bound, not a rule of the texts). */
export const MAX_PERIOD_YEARS = 30;

/**
 * Refuses a cancelled project 取消 (10号: 差 may end a project, which then asks for nothing),
 * a year other than the next, a non-positive amount, and goals that break the SMART rules
 * for that year. Errors: `cycle.project-cancelled`, `cycle.not-next-year`,
 * `money.invalid-amount`, `goals.overall-goal-required`, the SMART rules' codes.
 */
export const decideOpenNextCycle = (c: OpenNextCycle, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (state.result?.decision === 'cancel') {
    return refuse(
      invariant('cycle.project-cancelled', 'A cancelled project cannot open a new fiscal year.', '项目已被取消，不得申报下一年度预算。', {
        evaluationId: state.result.evaluationId,
      }),
    );
  }
  if (c.fiscalYear !== state.fiscalYear + 1) {
    return refuse(
      invariant('cycle.not-next-year', `The next cycle is fiscal year ${state.fiscalYear + 1}.`, `下一预算年度应为 ${state.fiscalYear + 1} 年。`, {
        currentFiscalYear: state.fiscalYear,
        fiscalYear: c.fiscalYear,
      }),
    );
  }
  if (!isPositiveFen(c.requestedFen)) {
    return refuse(invariant('money.invalid-amount', 'The amount is a positive whole number of fen.', '金额须为正整数（分）。'));
  }
  if (!isNonEmptyText(c.overallGoal)) {
    return refuse(invariant('goals.overall-goal-required', 'Goals need an overall goal in words.', '绩效目标须有总体目标描述。'));
  }
  const broken = checkSmartGoals(c.indicators, c.fiscalYear);
  if (broken) return refuse(broken);
  const cuts = state.cuts.map((cut) => ({ cutId: cut.cutId, amountFen: cut.amountFen }));
  return accept(
    makeEvent('CycleOpened', {
      fiscalYear: c.fiscalYear,
      overallGoal: c.overallGoal,
      indicators: c.indicators.map((i) => ({ ...i, criteria: i.criteria ?? null, unit: i.unit ?? null, target: i.target ?? null })),
      requestedFen: c.requestedFen,
      carriedOver: {
        fromFiscalYear: state.fiscalYear,
        resultDecision: state.result?.decision ?? null,
        resultEvaluationId: state.result?.evaluationId ?? null,
        adjustedBudgetFen: state.adjustedBudgetFen,
        cuts,
        cutTotalFen: cuts.reduce((sum, cut) => sum + cut.amountFen, 0),
        capFen: cutCapFen(state),
        openRectificationIds: openRectifications(state).map((r) => r.rectificationId),
      },
      openedAt: ctx.now,
    }),
  );
};

/**
 * The period starts no later than the project's current year and ends no earlier, and
 * spans at most MAX_PERIOD_YEARS. Errors: `medium-term.period-invalid`,
 * `medium-term.fields-required`.
 */
export const decideSetMediumTermGoals = (c: SetMediumTermGoals, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  const { startYear, endYear } = c;
  if (
    !Number.isInteger(startYear) ||
    !Number.isInteger(endYear) ||
    startYear > state.fiscalYear ||
    endYear < state.fiscalYear ||
    endYear - startYear + 1 > MAX_PERIOD_YEARS
  ) {
    return refuse(
      invariant(
        'medium-term.period-invalid',
        `The implementation period is whole years that include ${state.fiscalYear}, at most ${MAX_PERIOD_YEARS} of them.`,
        `实施期须为包含 ${state.fiscalYear} 年的整年度，最长 ${MAX_PERIOD_YEARS} 年。`,
        { startYear, endYear, fiscalYear: state.fiscalYear },
      ),
    );
  }
  const indicators = Array.isArray(c.indicators) ? c.indicators : [];
  if (!isNonEmptyText(c.overallGoal) || indicators.length === 0 || !indicators.every(isNonEmptyText)) {
    return refuse(
      invariant('medium-term.fields-required', 'Medium-term goals need an overall goal and at least one indicator in words.', '中期目标须有总体目标和至少一项指标。'),
    );
  }
  return accept(makeEvent('MediumTermGoalsSet', { startYear, endYear, overallGoal: c.overallGoal, indicators, setAt: ctx.now }));
};

/**
 * Ordered once, and only for a period long enough (the rulebook's
 * `midTermEvaluationMinYears`, default 5 by 10号) whose mid-life has come.
 * Errors: `mid-term.not-required`, `mid-term.not-due`, `mid-term.already-ordered`.
 */
export const decideOrderMidTermEvaluation = (_c: OrderMidTermEvaluation, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  const period = state.mediumTermGoals;
  const minYears = ctx.rulebook.midTermEvaluationMinYears ?? 5;
  if (!period || !needsMidTermEvaluation(period.startYear, period.endYear, minYears)) {
    return refuse(
      invariant('mid-term.not-required', `Only a project of ${minYears} years or more gets a mid-term evaluation.`, `实施期 ${minYears} 年及以上的项目方开展中期评价。`),
    );
  }
  if (state.midTermEvaluation) {
    return refuse(invariant('mid-term.already-ordered', 'The mid-term evaluation is already ordered.', '中期评价已下达。'));
  }
  const midLifeAt = midLifeOf(period.startYear, period.endYear);
  if (Date.parse(ctx.now) < Date.parse(midLifeAt)) {
    return refuse(invariant('mid-term.not-due', `The mid-term evaluation is due at ${midLifeAt}.`, `中期评价应于 ${midLifeAt} 开展。`, { midLifeAt }));
  }
  return accept(makeEvent('MidTermEvaluationOrdered', { midLifeAt, fiscalYear: state.fiscalYear, orderedAt: ctx.now }));
};
