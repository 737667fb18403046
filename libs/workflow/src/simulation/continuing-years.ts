import type { ProjectCommand } from '@jixiao/domain';
import type { Harness } from '../testing/workflow-harness.js';
import type { WorkflowEngine } from '../runner/workflow-engine.js';
import { evaluationRectificationId } from '../process-managers/result-application/result-application.js';
import type { ContinuingProjectPlan, YearPlan } from './continuing-plan.js';
import { perProject, points, servedIndicator } from './fiscal-year.js';

/** A project in year `n` of the plan, with that year's plan. */
interface Living {
  readonly projectId: string;
  readonly plan: ContinuingProjectPlan;
  readonly year: YearPlan;
  /** The year before's plan, in a following year. */
  readonly before: YearPlan | undefined;
}

export interface ContinuingRun {
  /** OpenNextCycle refused for a cancelled project, by rule id (only `cycle.project-cancelled` is expected). */
  readonly refusedOpenings: Readonly<Record<string, number>>;
}

const rectificationOf = (fiscalYear: number) => evaluationRectificationId(`eval-${fiscalYear}`);

const rectify = (fiscalYear: number): ProjectCommand[] => [
  { type: 'ReportRectification', rectificationId: rectificationOf(fiscalYear), report: 'Shortfalls fixed' },
  { type: 'VerifyRectification', rectificationId: rectificationOf(fiscalYear), passed: true },
];

const firstYear = ({ projectId, plan, year }: Living): ProjectCommand[] => [
  { type: 'ProposeProject', projectId, department: plan.department, title: `Simulated ${projectId}`, category: 'operating', fiscalYear: year.fiscalYear, requestedFen: year.requestedFen },
  { type: 'SetPerformanceGoals', overallGoal: 'Serve 1,000 people', indicators: [servedIndicator(year.fiscalYear)] as never },
  { type: 'ReviewGoals', grade: 'good' },
  { type: 'DecideAdmission', decision: 'admit', reviewScore: 85 },
  { type: 'AllocateBudget', amountFen: year.allocatedFen },
];

/** A following year: a late rectification verified first (no allocation while it is overdue), then the request, review, admission and allocation against the cap. */
const followingYear = ({ year, before }: Living): ProjectCommand[] => [
  ...(before!.rectification === 'late' ? rectify(before!.fiscalYear) : []),
  { type: 'OpenNextCycle', fiscalYear: year.fiscalYear, overallGoal: 'Serve 1,000 people', indicators: [servedIndicator(year.fiscalYear)] as never, requestedFen: year.requestedFen },
  { type: 'ReviewGoals', grade: 'good' },
  { type: 'DecideAdmission', decision: 'admit', reviewScore: 85 },
  { type: 'AllocateBudget', amountFen: year.allocatedFen, ...(year.capExceptionReason ? { capExceptionReason: year.capExceptionReason } : {}) },
];

/** Finance's choices once the year is graded: the result, and the cut where the plan makes one. */
const results = ({ year }: Living): ProjectCommand[] => [
  { type: 'ApplyResult', evaluationId: `eval-${year.fiscalYear}`, decision: year.result },
  ...(year.cut ? [{ type: 'CutBudget', cutId: `cut-${year.fiscalYear}`, cause: { kind: 'evaluation', evaluationId: `eval-${year.fiscalYear}` } } as const] : []),
];

/**
 * Continuing projects 延续性项目 over the plan's fiscal years, through the real command
 * pipeline and workflow: each year funded (the first by proposal, the next by
 * OpenNextCycle and an allocation against the cut cap, some above it with a reason),
 * quarterly readings, a mid-year adjustment for some, evaluation in December, finance's
 * result and cut, rectification (in time, or late: the deadline's accountability and cut),
 * and the next year asked for — by cancelled projects too, which are refused. The fake
 * clock is moved across every due date and the workflow run to idle at each stop.
 */
export async function simulateContinuingYears(h: Harness, engine: WorkflowEngine, plans: readonly ContinuingProjectPlan[], log: (step: string) => void = () => {}): Promise<ContinuingRun> {
  const at = async (iso: string, step: string) => {
    h.clock.set(iso);
    await engine.runUntilIdle();
    log(step);
  };
  const refusedOpenings: Record<string, number> = {};
  const years = Math.max(0, ...plans.map((p) => p.years.length));
  const first = plans[0]?.years[0]?.fiscalYear ?? 0;
  for (let n = 0; n < years; n++) {
    const living: Living[] = plans.filter((p) => p.years[n]).map((plan) => ({ projectId: plan.projectId, plan, year: plan.years[n]!, before: plan.years[n - 1] }));
    const fy = first + n;
    if (n === 0) {
      h.clock.set(`${fy}-01-10T00:00:00Z`);
      await perProject(h, living, firstYear);
      await at(`${fy}-01-10T00:00:00Z`, `${fy} funded`);
    } else {
      h.clock.set(`${fy}-02-20T00:00:00Z`);
      // A cancelled project asks for the next year, and must be refused.
      for (const plan of plans.filter((p) => p.years[n - 1]?.result === 'cancel' && p.years[n - 1]!.asksNextYear)) {
        try {
          await h.given(plan.projectId, { type: 'OpenNextCycle', fiscalYear: fy, overallGoal: 'Serve 1,000 people', indicators: [servedIndicator(fy)] as never, requestedFen: 1 });
        } catch (error) {
          const ruleId = /refused: (\S+)/.exec(String(error))?.[1] ?? String(error);
          refusedOpenings[ruleId] = (refusedOpenings[ruleId] ?? 0) + 1;
        }
      }
      await perProject(h, living, followingYear);
      await at(`${fy}-02-20T00:00:00Z`, `${fy} funded`);
    }
    for (const q of [1, 2, 3]) {
      const endMonth = q * 3;
      h.clock.set(new Date(Date.UTC(fy, endMonth, 3)).toISOString());
      await perProject(h, living.filter((p) => !p.year.skipped.includes(q)), (p) => [
        { type: 'RecordReading', readingId: `r-${fy}-q${q}`, indicatorId: 'served', period: `${fy}-Q${q}`, value: q === 2 && p.year.redInQ2 ? 100 : Math.round((1000 * endMonth) / 12) },
      ]);
      await at(new Date(Date.UTC(fy, endMonth, 3)).toISOString(), `${fy} Q${q} readings`);
      await at(new Date(Date.UTC(fy, endMonth, 12)).toISOString(), `${fy} Q${q} overdue`);
      await at(new Date(Date.UTC(fy, endMonth, 20)).toISOString(), `${fy} Q${q} escalations`);
      if (q === 1) {
        h.clock.set(`${fy}-05-15T00:00:00Z`);
        await perProject(h, living.filter((p) => p.year.adjustedBudgetFen !== null), (p) => [
          { type: 'AdjustBudget', newBudgetFen: p.year.adjustedBudgetFen!, reason: 'Mid-year adjustment 年中调整' },
        ]);
        await at(`${fy}-05-15T00:00:00Z`, `${fy} adjustments`);
      }
    }
    h.clock.set(`${fy}-12-15T00:00:00Z`);
    await perProject(h, living, (p) => [
      { type: 'ScoreEvaluation', evaluationId: `eval-${fy}`, kind: 'finance', evaluatorId: 'finance-bureau', scores: [{ indicatorId: 'served', points: points[p.year.grade] }], executionRateReason: 'Spending is booked centrally' },
    ]);
    await at(`${fy}-12-15T00:00:00Z`, `${fy} evaluated: rectifications ordered`);
    await perProject(h, living, results);
    await at(`${fy}-12-15T00:00:00Z`, `${fy} results applied`);
    h.clock.set(`${fy + 1}-01-20T00:00:00Z`);
    await perProject(h, living.filter((p) => p.year.rectification === 'in-time'), (p) => rectify(p.year.fiscalYear));
    await at(`${fy + 1}-01-20T00:00:00Z`, `${fy} rectifications verified`);
    // Past every rectification deadline (15 December + 60 days = 13 February): accountability and a cut for each late one.
    await at(`${fy + 1}-02-14T00:00:00Z`, `${fy} deadlines passed`);
  }
  return { refusedOpenings };
}
