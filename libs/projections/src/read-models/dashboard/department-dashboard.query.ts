import type { ReadModelDatabase, SqlValue } from '../../database/read-model-database.js';
import type { GradeCounts } from '../evaluations/evaluation-results.query.js';

export interface DepartmentDashboardRow {
  readonly department: string;
  readonly fiscalYear: number;
  readonly projects: number;
  readonly requestedFen: number;
  readonly allocatedFen: number;
  /** The budget in force: allocations plus adjustments 预算调整. */
  readonly adjustedBudgetFen: number;
  readonly spentFen: number;
  /** Execution rate 预算执行率 = spent ÷ adjusted budget; null before any allocation. */
  readonly executionRate: number | null;
  /**
   * Goal completion rate 目标完成率 = indicators met or on track ÷ indicators with a reading,
   * each judged on its latest reading against 序时进度 (see indicator-status.ts); null before any reading.
   */
  readonly goalCompletionRate: number | null;
  readonly indicators: { total: number; withReading: number; metOrOnTrack: number };
  readonly openDeviations: { yellow: number; red: number };
  readonly grades: GradeCounts;
  /** Budget cuts 预算削减 decided in that year for the department's projects (applied by the next year's allocations). */
  readonly cutFen: number;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

/** The dashboard of one fiscal year, one row per department (or just the one asked for). */
export async function departmentDashboard(db: ReadModelDatabase, fiscalYear: number, department?: string): Promise<DepartmentDashboardRow[]> {
  const params: SqlValue[] = [fiscalYear];
  if (department !== undefined) params.push(department);
  const rows = await db.all<Record<string, number | string>>(
    `SELECT * FROM rm_dashboard WHERE fiscal_year = ? ${department !== undefined ? 'AND department = ?' : ''} ORDER BY department`,
    params,
  );
  return rows.map((r) => {
    const n = (column: string) => Number(r[column]);
    return {
      department: String(r['department']),
      fiscalYear: n('fiscal_year'),
      projects: n('projects'),
      requestedFen: n('requested_fen'),
      allocatedFen: n('allocated_fen'),
      adjustedBudgetFen: n('adjusted_budget_fen'),
      spentFen: n('spent_fen'),
      executionRate: ratio(n('spent_fen'), n('adjusted_budget_fen')),
      goalCompletionRate: ratio(n('indicators_on_track'), n('indicators_judged')),
      indicators: { total: n('indicators_total'), withReading: n('indicators_judged'), metOrOnTrack: n('indicators_on_track') },
      openDeviations: { yellow: n('open_yellow'), red: n('open_red') },
      grades: { excellent: n('grade_excellent'), good: n('grade_good'), fair: n('grade_fair'), low: n('grade_low'), poor: n('grade_poor') },
      cutFen: n('cut_fen'),
    };
  });
}
