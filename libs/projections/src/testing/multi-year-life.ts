import {
  decide,
  evolve,
  fiscalYearOfCommand,
  initialProjectState,
  practiceRulebook2027,
  rulebookRef,
  type Grade,
  type ProjectCommand,
  type ProjectEvent,
  type ProjectState,
  type ResultDecision,
} from '@jixiao/domain';
import { GOOD_SCORES, indicatorsFor } from '../../../domain/src/testing/fixtures.js';

/**
 * A continuing project 延续性项目 living several fiscal years, decided command by command by
 * the domain's own decider under practice-2027 (so every event is one the domain accepts),
 * for read-model tests. Each year: goals, review, admission, allocation (from the second
 * year against the cut cap, above it with a reason when the plan says so), the whole
 * budget spent, a finance evaluation of the planned grade, the planned result decision,
 * an optional cut and rectification, then the next year opened (the rectification crosses
 * into it and is reported and verified there, before that year's allocation).
 */
export interface YearPlan {
  readonly grade: Extract<Grade, 'excellent' | 'fair' | 'poor'>;
  readonly decision: ResultDecision;
  /** Cut by the grade's share (中 10%, 差 30% under practice-2027). */
  readonly cut?: boolean;
  readonly rectify?: boolean;
  /** From the second year: allocate this many fen above the cut cap, with a stated reason. */
  readonly aboveCapFen?: number;
  readonly documentNo?: string;
}

export interface LifeEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  /** As the application records it (`fiscalYear`, `rulebook`), or empty, as a store written before issue 17 has it. */
  readonly metadata: Record<string, unknown>;
}

export interface MultiYearLife {
  readonly events: LifeEvent[];
  readonly state: ProjectState;
}

const REQUESTED_FEN = 100_000_000;
// Points per indicator scaled to the planned grade (GOOD_SCORES sum to 86; the execution rate adds 10 when all is spent).
const SCALE: Record<YearPlan['grade'], number> = { excellent: 1, fair: 0.7, poor: 0.4 };

/**
 * Runs the plan from `firstYear`, one entry per fiscal year; the last year stops at its
 * result (its cuts not yet applied). `recordYears`: each event's metadata records its
 * fiscal year and rulebook as the command pipeline does; otherwise metadata is empty and
 * read models derive the year (fiscalYearAfter). Throws if the domain refuses a step or
 * grades a year otherwise than planned: a broken fixture, not a finding.
 */
export function multiYearLife(projectId: string, department: string, firstYear: number, plan: readonly YearPlan[], recordYears = true): MultiYearLife {
  let state = initialProjectState;
  const events: LifeEvent[] = [];
  const rulebook = practiceRulebook2027;
  const give = (command: ProjectCommand, now: string): ProjectEvent[] => {
    const decision = decide(command, state, { now, rulebook });
    if (!decision.ok) throw new Error(`multi-year fixture ${projectId} ${command.type}: ${decision.error.ruleId}`);
    const fiscalYear = fiscalYearOfCommand(command, state);
    for (const event of decision.events) {
      state = evolve(state, event);
      events.push({
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data as unknown as Record<string, unknown>,
        metadata: recordYears ? { fiscalYear, rulebook: rulebookRef(rulebook), occurredAt: now } : {},
      });
    }
    return decision.events;
  };

  let open: string | null = null;
  for (const [index, year] of plan.entries()) {
    const fy = firstYear + index;
    const before = `${fy - 1}`;
    if (index === 0) {
      give(
        { type: 'ProposeProject', projectId, department, title: `${department} continuing project`, category: 'specific-purpose', fiscalYear: fy, requestedFen: REQUESTED_FEN },
        `${before}-09-01T00:00:00Z`,
      );
      give({ type: 'SetPerformanceGoals', overallGoal: 'Safe water', indicators: indicatorsFor(fy) }, `${before}-09-15T00:00:00Z`);
    } else {
      give({ type: 'OpenNextCycle', fiscalYear: fy, overallGoal: `Safe water, year ${index + 1}`, indicators: indicatorsFor(fy), requestedFen: REQUESTED_FEN }, `${before}-12-01T00:00:00Z`);
    }
    if (open) {
      give({ type: 'ReportRectification', rectificationId: open, report: 'Done' }, `${before}-12-02T00:00:00Z`);
      give({ type: 'VerifyRectification', rectificationId: open, passed: true }, `${before}-12-03T00:00:00Z`);
      open = null;
    }
    give({ type: 'ReviewGoals', grade: 'good' }, `${before}-12-05T00:00:00Z`);
    give({ type: 'DecideAdmission', decision: 'admit', reviewScore: 88 }, `${before}-12-10T00:00:00Z`);
    const cap = state.carriedOver?.capFen;
    const amountFen = cap === undefined ? REQUESTED_FEN : cap + (year.aboveCapFen ?? 0);
    give(
      {
        type: 'AllocateBudget',
        amountFen,
        ...(amountFen > REQUESTED_FEN ? { reason: 'Carried-over works' } : {}),
        ...(year.aboveCapFen ? { capExceptionReason: 'Flood repairs cannot wait' } : {}),
        ...(year.documentNo ? { documentNo: year.documentNo } : {}),
      },
      `${fy}-01-15T00:00:00Z`,
    );
    give({ type: 'RecordExpenditure', expenditureId: `x-${fy}`, amountFen, spentOn: `${fy}-06-30` }, `${fy}-07-01T00:00:00Z`);
    give({ type: 'RecordReading', readingId: `r-${fy}`, indicatorId: 'households', period: `${fy}-06`, value: 600 }, `${fy}-07-02T00:00:00Z`);
    const scored = give(
      {
        type: 'ScoreEvaluation',
        evaluationId: `eval-${fy}`,
        kind: 'finance',
        evaluatorId: 'finance-bureau',
        scores: GOOD_SCORES.map((s) => ({ indicatorId: s.indicatorId, points: Math.floor(s.points * SCALE[year.grade]) })),
      },
      `${fy}-11-15T00:00:00Z`,
    );
    const grade = (scored.find((e) => e.type === 'EvaluationScored')?.data as { grade?: string } | undefined)?.grade;
    if (grade !== year.grade) throw new Error(`multi-year fixture ${projectId} ${fy}: graded ${grade}, planned ${year.grade}`);
    give({ type: 'ApplyResult', evaluationId: `eval-${fy}`, decision: year.decision }, `${fy}-11-20T00:00:00Z`);
    if (year.cut) give({ type: 'CutBudget', cutId: `cut-${fy}`, cause: { kind: 'evaluation', evaluationId: `eval-${fy}` } }, `${fy}-11-21T00:00:00Z`);
    if (year.rectify) {
      give({ type: 'OrderRectification', rectificationId: `rect-${fy}`, issues: `Shortfalls of ${fy}`, evaluationId: `eval-${fy}` }, `${fy}-11-22T00:00:00Z`);
      open = `rect-${fy}`;
    }
  }
  return { events, state };
}
