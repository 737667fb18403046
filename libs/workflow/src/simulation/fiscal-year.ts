import { nationalRulebook2020, type Grade, type ProjectCommand, type Rulebook } from '@jixiao/domain';
import type { Harness } from '../testing/workflow-harness.js';
import type { WorkflowEngine } from '../runner/workflow-engine.js';
import { seededRandom } from '@jixiao/domain';
import { evaluationRectificationId } from '../process-managers/result-application/result-application.js';

/** A regional rulebook with a quarterly monitoring cadence (the simulation's rulebook in force). */
export const quarterlyRulebook: Rulebook = { ...nationalRulebook2020, id: 'sim-quarterly', version: 1, monitoringCadence: 'quarterly' };


/** What the seed decides for one project: its grade, its missed readings, a red quarter, whether it rectifies in time. */
export interface ProjectPlan {
  readonly projectId: string;
  readonly department: string;
  readonly grade: Exclude<Grade, 'low'>;
  /** Quarters (1–3) whose reading is never sent. */
  readonly skipped: readonly number[];
  /** Q2 reading far behind progress, never explained. */
  readonly redInQ2: boolean;
  /** A poor project that reports and passes verification before its deadline. */
  readonly rectifiesInTime: boolean;
}

export function planYear(projects: number, seed: number): ProjectPlan[] {
  const random = seededRandom(seed);
  return Array.from({ length: projects }, (_, i) => {
    const g = random();
    const grade: ProjectPlan['grade'] = g < 0.15 ? 'excellent' : g < 0.5 ? 'good' : g < 0.8 ? 'fair' : 'poor';
    const skipped = [1, 2, 3].filter(() => random() < 0.1);
    const redInQ2 = !skipped.includes(2) && random() < 0.1;
    return { projectId: `sim-${i}`, department: `dept-${i % 40}`, grade, skipped, redInQ2, rectifiesInTime: grade === 'poor' && random() < 0.5 };
  });
}

/** The ledger counted from the seed's own decisions, without looking at the store. */
export function expectedLedger(plans: readonly ProjectPlan[]) {
  const poor = plans.filter((p) => p.grade === 'poor');
  const overdue = poor.filter((p) => !p.rectifiesInTime).length;
  return {
    budgetCuts: plans.filter((p) => p.grade === 'fair').length + poor.length + overdue,
    rectificationsOrdered: poor.length,
    accountabilityActions: overdue,
    readingsFlaggedOverdue: plans.reduce((n, p) => n + p.skipped.length, 0),
    deviationsEscalated: plans.filter((p) => p.redInQ2).length,
    incentives: plans.filter((p) => p.grade === 'excellent').length,
  };
}

const FY = 2025;
/** The simulation's one indicator, due by the end of `fiscalYear`. */
export const servedIndicator = (fiscalYear: number) =>
  ({ indicatorId: 'served', name: 'People served', level: 'output', kind: 'quantity', comparator: '>=', target: 1000, unit: '人', criteria: null, direction: 'higher-is-better', weight: 100, deadline: `${fiscalYear}-12-31` }) as const;
const indicator = servedIndicator(FY);
/** Points for the indicator that land in each grade (execution rate adds nothing: nothing is spent). */
export const points: Record<ProjectPlan['grade'], number> = { excellent: 90, good: 85, fair: 70, poor: 40 };

const setup = (p: ProjectPlan): ProjectCommand[] => [
  { type: 'ProposeProject', projectId: p.projectId, department: p.department, title: `Simulated ${p.projectId}`, category: 'operating', fiscalYear: FY, requestedFen: 10_000_000 },
  { type: 'SetPerformanceGoals', overallGoal: 'Serve 1,000 people', indicators: [indicator] as never },
  { type: 'ReviewGoals', grade: 'good' },
  { type: 'DecideAdmission', decision: 'admit', reviewScore: 85 },
  { type: 'AllocateBudget', amountFen: 10_000_000 },
];

/** Runs users' commands for many projects at once (one project's commands stay in order). */
export async function perProject<P extends { readonly projectId: string }>(h: Harness, plans: readonly P[], commands: (p: P) => ProjectCommand[], width = 250): Promise<void> {
  for (let i = 0; i < plans.length; i += width) {
    await Promise.all(plans.slice(i, i + width).map(async (p) => {
      for (const command of commands(p)) await h.given(p.projectId, command);
    }));
  }
}

/**
 * A fiscal year: every project funded in January, quarterly readings (some missed, some
 * far behind), evaluations in December, rectification in the new year — with the fake
 * clock moved across every due date and the workflow run to idle at each stop.
 */
export async function simulateFiscalYear(h: Harness, engine: WorkflowEngine, plans: readonly ProjectPlan[], log: (step: string) => void = () => {}): Promise<void> {
  const at = async (iso: string, step: string) => {
    h.clock.set(iso);
    await engine.runUntilIdle();
    log(step);
  };
  h.clock.set(`${FY}-01-10T00:00:00Z`);
  await perProject(h, plans, setup);
  await at(`${FY}-01-10T00:00:00Z`, 'funded');
  for (const q of [1, 2, 3]) {
    const endMonth = q * 3;
    h.clock.set(new Date(Date.UTC(FY, endMonth, 3)).toISOString());
    const due = (p: ProjectPlan) => !p.skipped.includes(q);
    await perProject(h, plans.filter(due), (p) => [
      { type: 'RecordReading', readingId: `r-q${q}`, indicatorId: 'served', period: `${FY}-Q${q}`, value: q === 2 && p.redInQ2 ? 100 : Math.round((1000 * endMonth) / 12) },
    ]);
    await at(new Date(Date.UTC(FY, endMonth, 3)).toISOString(), `Q${q} readings`);
    // Past the due date (period end + 10 days): missing readings are flagged.
    await at(new Date(Date.UTC(FY, endMonth, 12)).toISOString(), `Q${q} overdue`);
    // Past the escalation days of a red flag raised on the 3rd.
    await at(new Date(Date.UTC(FY, endMonth, 20)).toISOString(), `Q${q} escalations`);
  }
  h.clock.set(`${FY}-12-15T00:00:00Z`);
  await perProject(h, plans, (p) => [
    { type: 'ScoreEvaluation', evaluationId: `eval-${FY}`, kind: 'finance', evaluatorId: 'finance-bureau', scores: [{ indicatorId: 'served', points: points[p.grade] }], executionRateReason: 'Spending is booked centrally' },
  ]);
  await at(`${FY}-12-15T00:00:00Z`, 'results applied');
  h.clock.set(`${FY + 1}-01-20T00:00:00Z`);
  await perProject(h, plans.filter((p) => p.rectifiesInTime), () => [
    { type: 'ReportRectification', rectificationId: evaluationRectificationId(`eval-${FY}`), report: 'Shortfalls fixed' },
    { type: 'VerifyRectification', rectificationId: evaluationRectificationId(`eval-${FY}`), passed: true },
  ]);
  await at(`${FY + 1}-01-20T00:00:00Z`, 'rectifications verified');
  // Past every rectification deadline (15 December + 60 days = 13 February).
  await at(`${FY + 1}-02-14T00:00:00Z`, 'deadlines passed');
}
