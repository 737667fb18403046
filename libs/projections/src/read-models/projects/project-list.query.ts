import type { ReadModelDatabase, SqlValue } from '../../database/read-model-database.js';

export interface ProjectListFilter {
  readonly department?: string;
  /**
   * One fiscal year 预算年度: every project that lived it, with that year's stage and figures
   * (a continuing project appears in each year it lived). Without it, each project appears
   * once, with its latest year (the one in force); the other filters then judge that year.
   */
  readonly fiscalYear?: number;
  readonly stage?: string;
  readonly grade?: string;
  /** true: only projects with open deviations; false: only those without. */
  readonly openDeviations?: boolean;
  readonly limit: number;
  readonly offset: number;
}

export interface ProjectListRow {
  readonly projectId: string;
  readonly department: string;
  readonly fiscalYear: number;
  readonly title: string;
  readonly category: string;
  readonly stage: string;
  readonly requestedFen: number;
  readonly allocatedFen: number;
  readonly adjustedBudgetFen: number;
  readonly spentFen: number;
  readonly grade: string | null;
  readonly totalScore: number | null;
  readonly openDeviations: number;
  readonly cutFen: number;
  readonly revision: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

const columns = `project_id AS "projectId", department, fiscal_year AS "fiscalYear", title, category, stage,
  requested_fen AS "requestedFen", allocated_fen AS "allocatedFen", adjusted_budget_fen AS "adjustedBudgetFen",
  spent_fen AS "spentFen", grade, total_score AS "totalScore", open_deviations AS "openDeviations", cut_fen AS "cutFen", revision`;

/** The project list, one row per project and year (see `fiscalYear`), filtered and paged, in a stable order (year, department, id). */
export async function listProjects(db: ReadModelDatabase, filter: ProjectListFilter): Promise<Page<ProjectListRow>> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, value?: SqlValue) => {
    where.push(clause);
    if (value !== undefined) params.push(value);
  };
  if (filter.department !== undefined) add('department = ?', filter.department);
  if (filter.fiscalYear !== undefined) add('fiscal_year = ?', filter.fiscalYear);
  else add('latest = 1');
  if (filter.stage !== undefined) add('stage = ?', filter.stage);
  if (filter.grade !== undefined) add('grade = ?', filter.grade);
  if (filter.openDeviations === true) add('open_deviations > 0');
  if (filter.openDeviations === false) add('open_deviations = 0');
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM rm_projects ${clause}`, params);
  const items = await db.all<ProjectListRow>(
    `SELECT ${columns} FROM rm_projects ${clause} ORDER BY fiscal_year DESC, department, project_id LIMIT ? OFFSET ?`,
    [...params, filter.limit, filter.offset],
  );
  return { items, total: Number(total?.n ?? 0), limit: filter.limit, offset: filter.offset };
}
