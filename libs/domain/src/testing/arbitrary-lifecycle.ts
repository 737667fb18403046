/**
 * Random but plausible command sequences for property tests. Most steps pick a command
 * the current stage allows (so runs get deep into the lifecycle); some pick any command
 * (so refusals are exercised). Parameters are drawn from small pools so that ids collide
 * and references hit, which is where the interesting refusals live.
 */
import fc from 'fast-check';
import type { ProjectCommand } from '../project/commands.js';
import type { DecideContext } from '../project/decide-context.js';
import { decide, evolve } from '../project/decider.js';
import type { ProjectDecision } from '../project/decision.js';
import type { ProjectEvent } from '../project/events.js';
import { initialProjectState, type ProjectState } from '../project/state.js';
import { COMMAND_TYPES, isAllowedIn, type ProjectCommandType } from '../project/stages.js';
import { nationalRulebook2020 } from '../rulebook/national-2020.js';
import { GOAL_REVIEW_GRADES } from '../scoring/grade.js';
import { indicatorMaxPoints } from '../scoring/indicator-points.js';
import { addDays } from '../shared/time.js';
import { INDICATORS, indicatorsFor } from './fixtures.js';
import { sampleCommand } from './sample-commands.js';

export interface Step {
  wild: number;
  pick: number;
  n1: number;
  n2: number;
  month: number;
  days: number;
  flag: boolean;
  grade: (typeof GOAL_REVIEW_GRADES)[number];
}

export const stepArb: fc.Arbitrary<Step> = fc.record({
  wild: fc.nat(99),
  pick: fc.nat(),
  n1: fc.nat(1000),
  n2: fc.nat(30),
  month: fc.integer({ min: 1, max: 12 }),
  days: fc.integer({ min: 0, max: 30 }),
  flag: fc.boolean(),
  grade: fc.constantFrom(...GOAL_REVIEW_GRADES),
});

// size 'max': fast-check otherwise keeps arrays short, and short runs never leave the early stages.
export const stepsArb = fc.array(stepArb, { minLength: 1, maxLength: 80, size: 'max' });

const pickFrom = <T>(items: readonly T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);
/** A month of the project's current fiscal year (2025 before it exists). */
const monthOf = (state: ProjectState) => (m: number) => `${state.fiscalYear || 2025}-${String(m).padStart(2, '0')}`;

export const commandFor = (type: ProjectCommandType, s: Step, state: ProjectState): ProjectCommand => {
  const indicator = pickFrom(state.indicators, s.n1) ?? INDICATORS[0]!;
  const evaluationId = pickFrom(state.evaluations, s.n1)?.evaluationId ?? 'eval-none';
  const rectificationId = pickFrom(state.rectifications, s.n1)?.rectificationId ?? 'rect-none';
  const deviationId = pickFrom(state.deviations, s.n1)?.deviationId ?? 'd-none';
  const month = monthOf(state);
  switch (type) {
    case 'ProposeProject':
      return { ...sampleCommand.ProposeProject, requestedFen: 1_000_000 + s.n1 * 100_000 };
    case 'SetPerformanceGoals':
      return { ...sampleCommand.SetPerformanceGoals, indicators: s.flag || s.n1 % 3 ? INDICATORS : INDICATORS.slice(1) };
    case 'ReviewGoals':
      return { type, grade: s.grade, ...(s.flag || s.n1 % 2 ? { comments: 'Needs work' } : {}) };
    case 'DecideAdmission':
      return { type, decision: s.n1 % 4 === 0 ? 'reject' : 'admit', reviewScore: s.n1 / 10, ...(s.flag ? { reasons: ['Reason'] } : {}) };
    case 'AllocateBudget':
      return { type, amountFen: state.requestedFen + (s.n1 - 700) * 1000, ...(s.flag ? { reason: 'Extra village' } : {}) };
    case 'AdjustBudget':
      return { type, newBudgetFen: state.adjustedBudgetFen + (s.n1 - 300) * 10_000, reason: 'Adjustment' };
    case 'RecordExpenditure':
      return { type, expenditureId: `x${s.n2}`, amountFen: s.n1 * 20_000 + 1, spentOn: `${month(s.month)}-15` };
    case 'RecordReading':
      return {
        type,
        readingId: `r${s.n2}`,
        indicatorId: s.n2 === 30 ? 'undeclared' : indicator.indicatorId,
        period: s.n2 === 29 ? '2024-12' : month(s.month),
        ...(indicator.comparator === 'qualitative' ? {} : { value: (s.n1 / 1000) * (indicator.target ?? 1) }),
        ...(s.flag || indicator.comparator === 'qualitative' ? { likelihood: pickFrom(['certain', 'possible', 'impossible'] as const, s.n1) } : {}),
      };
    case 'AdjustTarget':
      return { type, indicatorId: indicator.indicatorId, adjustedTarget: s.n1, reason: 'Mid-year change' };
    case 'FlagReadingOverdue':
      return { type, indicatorId: indicator.indicatorId, period: month(s.month) };
    case 'AssessLights':
      return { type, asOf: `${month(s.month)}-28` };
    case 'FlagDeviation':
      return {
        type,
        deviationId: `d${s.n2}`,
        subject: s.flag ? { kind: 'budget' } : { kind: 'indicator', readingId: pickFrom(state.readings, s.n1)?.readingId ?? 'r-none' },
      };
    case 'ExplainDeviation':
      return { type, deviationId, cause: pickFrom(['funding', 'rules', 'staff', 'equipment', 'other'] as const, s.n1)!, measures: 'Fix', likelihood: 'possible' };
    case 'ResolveDeviation':
      return { type, deviationId, resolution: 'Fixed' };
    case 'EscalateDeviation':
      return { type, deviationId };
    case 'AssignEvaluator':
      return { type, evaluatorId: `ev${s.n1 % 3}`, evaluatorKind: 'third-party' };
    case 'ScoreEvaluation': {
      const max = indicatorMaxPoints(state.indicators, nationalRulebook2020);
      const share = s.n1 / 1000;
      const kind = pickFrom(['self', 'department', 'finance', 'third-party'] as const, s.n1)!;
      const cents = (x: number) => Math.floor(x * 100) / 100;
      return {
        type,
        evaluationId: `eval${s.n2}`,
        kind,
        evaluatorId: `ev${s.n1 % 3}`,
        scores:
          kind === 'self'
            ? // The sheet: qualitative picks; a year-end actual on odd n2 (else the latest reading);
              // an override with its reason now and then; a shortfall reason on most rows, so some are refused.
              state.indicators.map((i, k) => ({
                indicatorId: i.indicatorId,
                ...(i.comparator === 'qualitative'
                  ? { points: cents((max.get(i.indicatorId) ?? 0) * share) }
                  : s.n2 % 3
                    ? { actual: share * 1.5 * (i.adjustedTarget ?? i.target ?? 1) }
                    : {}),
                ...(k === 0 && i.comparator !== 'qualitative' && s.n2 % 5 === 1 ? { points: cents((max.get(i.indicatorId) ?? 0) * share), overrideReason: 'Judgement' } : {}),
                ...(s.n2 !== 0 ? { shortfallReason: 'Tender delayed; second batch in spring' } : {}),
              }))
            : // Occasionally one point over a cap, to be refused.
              state.indicators.map((i, k) => ({ indicatorId: i.indicatorId, points: (max.get(i.indicatorId) ?? 0) * share + (k === 0 && s.n2 === 0 ? 1 : 0) })),
        ...(s.flag || kind === 'self' ? { executionRateReason: 'Delays' } : {}),
      };
    }
    case 'ApplyResult':
      return { type, evaluationId, decision: pickFrom(['prioritise', 'maintain', 'suspend', 'cancel'] as const, s.n2)! };
    case 'CutBudget':
      return { type, cutId: `c${s.n2}`, cause: s.flag ? { kind: 'evaluation', evaluationId } : { kind: 'rectification', rectificationId } };
    case 'GrantIncentive':
      return { type, incentiveId: `i${s.n2}`, evaluationId, measure: 'Priority' };
    case 'OrderRectification':
      return { type, rectificationId: `rect${s.n2}`, issues: 'Issues' };
    case 'ReportRectification':
      return { type, rectificationId, report: 'Done' };
    case 'VerifyRectification':
      return { type, rectificationId, passed: s.flag, ...(s.flag ? {} : { note: 'Incomplete' }) };
    case 'TakeAccountabilityAction':
      return {
        type,
        actionId: `a${s.n2}`,
        cause: s.flag ? { kind: 'evaluation', evaluationId } : { kind: 'rectification', rectificationId },
        target: 'Office',
        measure: 'Criticism',
      };
    case 'CloseProject':
      return { type, reason: 'Done' };
    case 'OpenNextCycle':
      // Now and then a year that is not the next one, to be refused.
      return { ...sampleCommand.OpenNextCycle, fiscalYear: state.fiscalYear + (s.n2 === 0 ? 2 : 1), indicators: indicatorsFor(state.fiscalYear + 1), requestedFen: 1_000_000 + s.n1 * 100_000 };
    case 'SetMediumTermGoals':
      return { ...sampleCommand.SetMediumTermGoals, startYear: state.fiscalYear - (s.n2 % 2), endYear: state.fiscalYear + (s.n1 % 7) };
    case 'OrderMidTermEvaluation':
      return { type };
  }
};

export interface StepRecord {
  before: ProjectState;
  command: ProjectCommand;
  context: DecideContext;
  decision: ProjectDecision;
  after: ProjectState;
}

/** Runs the steps through decide/evolve from an empty stream; time moves forward each step. */
export const run = (steps: readonly Step[], onStep?: (record: StepRecord, accepted: readonly ProjectEvent[]) => void) => {
  let state = initialProjectState;
  let now = '2024-10-01T00:00:00Z';
  const accepted: ProjectEvent[] = [];
  for (const s of steps) {
    now = addDays(now, s.days);
    const allowed = COMMAND_TYPES.filter((t) => isAllowedIn(state.stage, t));
    // Closing ends a run, so a plausible step closes only now and then; a wild step may close any time.
    // Commands allowed in most stages (medium-term goals, the mid-term order) come as seldom,
    // so they do not crowd out each stage's own steps.
    const seldom: readonly ProjectCommandType[] = ['CloseProject', 'SetMediumTermGoals', 'OrderMidTermEvaluation'];
    const plausible = allowed.filter((t) => !seldom.includes(t) || s.n2 < 4);
    const type =
      s.wild < 15 || plausible.length === 0 ? COMMAND_TYPES[s.pick % COMMAND_TYPES.length]! : plausible[s.pick % plausible.length]!;
    const command = commandFor(type, s, state);
    const context = { now, rulebook: nationalRulebook2020 };
    const before = state;
    const decision = decide(command, state, context);
    if (decision.ok) {
      for (const event of decision.events) state = evolve(state, event);
      accepted.push(...decision.events);
    }
    onStep?.({ before, command, context, decision, after: state }, accepted);
  }
  return { state, events: accepted };
};
