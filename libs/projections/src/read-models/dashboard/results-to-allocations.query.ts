import type { ResultDecision } from '@jixiao/domain';
import type { ReadModelDatabase, SqlValue } from '../../database/read-model-database.js';
import type { GradeCounts } from '../evaluations/evaluation-results.query.js';

/** Projects of a year by the result decision 结果应用 applied to them (each project once, its latest decision). */
export type ResultDecisionCounts = Record<ResultDecision, number>;

/**
 * One department: its year-N results beside its year-N+1 allocations — the loop of
 * 全面预算绩效管理, where this year's evaluation shapes next year's budget (中发〔2018〕34号;
 * 财预〔2020〕10号: results "作为以后年度预算安排的重要参考"). Money in integer fen.
 */
export interface ResultsToAllocationsRow {
  readonly department: string;
  /** Year N. */
  readonly results: {
    readonly fiscalYear: number;
    /** Projects that lived year N (new and continuing). */
    readonly projects: number;
    /** Projects with an evaluation that drives results in year N. */
    readonly evaluated: number;
    /** Those projects by the grade of their latest such evaluation of year N. */
    readonly grades: GradeCounts;
    /** Projects by the result decision applied in year N. */
    readonly decisions: ResultDecisionCounts;
    /** Budget cuts 预算削减 decided in year N: how many, and the sum of their recorded `amountFen`. */
    readonly cutsDecided: number;
    readonly cutsDecidedFen: number;
  };
  /** Year N+1. */
  readonly allocations: {
    readonly fiscalYear: number;
    /** Every allocation 预算批复 of the department's projects in year N+1, new ones included. */
    readonly allocatedFen: number;
    /** Continuing projects 延续性项目 opened from year N into year N+1 (CycleOpened). */
    readonly continuing: number;
    /** Of them, those allocated in year N+1; each allocation applied year N's cuts (PriorCutsApplied). */
    readonly continuingAllocated: number;
    /** Their allocations. */
    readonly continuingAllocatedFen: number;
    /** The sum of their cut caps 削减后上限: year N's budget in force less year N's cuts, per project. */
    readonly capFen: number;
    /** Year N's cuts those allocations applied. */
    readonly cutsAppliedFen: number;
    /** Year N's cuts no year-N+1 allocation has applied yet: cutsDecidedFen − cutsAppliedFen. */
    readonly cutsNotYetAppliedFen: number;
    /** Allocations above the cap, each with its stated reason (the ledger lists them), and the fen above. */
    readonly exceptions: { readonly count: number; readonly aboveCapFen: number };
  };
}

type Row = Record<string, number | string | null>;

/**
 * Year N's results and year N+1's allocations per department (or the one asked for), in
 * department order: every department with projects in year N. Cuts decided in year N are
 * applied by year N+1's allocations, so `cutsAppliedFen` counts cuts of year N only.
 */
export async function resultsToAllocations(db: ReadModelDatabase, fiscalYear: number, department?: string): Promise<ResultsToAllocationsRow[]> {
  const params: SqlValue[] = [fiscalYear + 1, fiscalYear];
  if (department !== undefined) params.push(department);
  const rows = await db.all<Row>(
    `SELECT n.*, m.allocated_fen AS next_allocated_fen, m.continuing AS next_continuing, m.continuing_allocated AS next_continuing_allocated,
            m.continuing_allocated_fen AS next_continuing_allocated_fen, m.cap_fen AS next_cap_fen, m.cuts_applied_fen AS next_cuts_applied_fen,
            m.exceptions AS next_exceptions, m.above_cap_fen AS next_above_cap_fen
     FROM rm_dashboard n LEFT JOIN rm_dashboard m ON m.fiscal_year = ? AND m.department = n.department
     WHERE n.fiscal_year = ? ${department !== undefined ? 'AND n.department = ?' : ''} ORDER BY n.department`,
    params,
  );
  return rows.map((r) => {
    const n = (column: string) => Number(r[column] ?? 0);
    const grades = { excellent: n('grade_excellent'), good: n('grade_good'), fair: n('grade_fair'), low: n('grade_low'), poor: n('grade_poor') };
    return {
      department: String(r['department']),
      results: {
        fiscalYear,
        projects: n('projects'),
        evaluated: Object.values(grades).reduce((a, b) => a + b, 0),
        grades,
        decisions: {
          prioritise: n('decision_prioritise'),
          maintain: n('decision_maintain'),
          suspend: n('decision_suspend'),
          cancel: n('decision_cancel'),
          reduce: n('decision_reduce'),
          'adjust-use': n('decision_adjust_use'),
        },
        cutsDecided: n('cuts'),
        cutsDecidedFen: n('cut_fen'),
      },
      allocations: {
        fiscalYear: fiscalYear + 1,
        allocatedFen: n('next_allocated_fen'),
        continuing: n('next_continuing'),
        continuingAllocated: n('next_continuing_allocated'),
        continuingAllocatedFen: n('next_continuing_allocated_fen'),
        capFen: n('next_cap_fen'),
        cutsAppliedFen: n('next_cuts_applied_fen'),
        cutsNotYetAppliedFen: n('cut_fen') - n('next_cuts_applied_fen'),
        exceptions: { count: n('next_exceptions'), aboveCapFen: n('next_above_cap_fen') },
      },
    };
  });
}
