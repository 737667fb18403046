import { GRADES, type Grade } from '@jixiao/domain';
import type { ReadModelDatabase, SqlValue } from '../../database/read-model-database.js';
import type { Page } from '../projects/project-list.query.js';

export interface EvaluationFilter {
  readonly department?: string;
  /** The fiscal year evaluated (the cycle the evaluation belongs to). */
  readonly fiscalYear?: number;
  readonly grade?: string;
  readonly kind?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface EvaluationRow {
  readonly projectId: string;
  readonly evaluationId: string;
  readonly department: string;
  readonly fiscalYear: number;
  readonly title: string;
  readonly kind: string;
  readonly evaluatorId: string;
  readonly method: string | null;
  readonly totalScore: number;
  readonly grade: Grade;
  readonly executionRate: number;
  readonly drivesResults: boolean;
  readonly scoredAt: string;
  /** Self-evaluation rows whose computed points were overridden: both values and the reason. */
  readonly overrides: readonly EvaluationOverride[];
}

export interface EvaluationOverride {
  readonly indicatorId: string;
  readonly computedPoints: number | null;
  readonly points: number;
  readonly reason: string;
}

const columns = `project_id AS "projectId", evaluation_id AS "evaluationId", department, fiscal_year AS "fiscalYear", title, kind,
  evaluator_id AS "evaluatorId", method, total_score AS "totalScore", grade, execution_rate AS "executionRate",
  drives_results AS "drivesResults", scored_at AS "scoredAt"`;

/** The overrides of a page of evaluations, by project and evaluation id (one query; a page is bounded). */
async function overridesOf(db: ReadModelDatabase, rows: readonly { projectId: string; evaluationId: string }[]): Promise<Map<string, EvaluationOverride[]>> {
  const byEvaluation = new Map<string, EvaluationOverride[]>();
  const projects = [...new Set(rows.map((r) => r.projectId))];
  if (projects.length === 0) return byEvaluation;
  const found = await db.all<{ project_id: string; evaluation_id: string; indicator_id: string; computed_points: number | null; declared_points: number; reason: string }>(
    `SELECT project_id, evaluation_id, indicator_id, computed_points, declared_points, reason FROM rm_evaluation_overrides
     WHERE project_id IN (${projects.map(() => '?').join(', ')}) ORDER BY project_id, evaluation_id, indicator_id`,
    projects,
  );
  for (const o of found) {
    const key = `${o.project_id}\u0000${o.evaluation_id}`;
    const list = byEvaluation.get(key) ?? [];
    list.push({ indicatorId: o.indicator_id, computedPoints: o.computed_points === null ? null : Number(o.computed_points), points: Number(o.declared_points), reason: o.reason });
    byEvaluation.set(key, list);
  }
  return byEvaluation;
}

/** Evaluation results, filtered and paged, by year (latest first), department, project and time scored. */
export async function listEvaluations(db: ReadModelDatabase, filter: EvaluationFilter): Promise<Page<EvaluationRow>> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.department !== undefined) (where.push('department = ?'), params.push(filter.department));
  if (filter.fiscalYear !== undefined) (where.push('fiscal_year = ?'), params.push(filter.fiscalYear));
  if (filter.grade !== undefined) (where.push('grade = ?'), params.push(filter.grade));
  if (filter.kind !== undefined) (where.push('kind = ?'), params.push(filter.kind));
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM rm_evaluations ${clause}`, params);
  const rows = await db.all<EvaluationRow>(
    `SELECT ${columns} FROM rm_evaluations ${clause} ORDER BY fiscal_year DESC, department, project_id, scored_at, evaluation_id LIMIT ? OFFSET ?`,
    [...params, filter.limit, filter.offset],
  );
  const overrides = await overridesOf(db, rows);
  const items = rows.map((r) => ({
    ...r,
    fiscalYear: Number(r.fiscalYear),
    drivesResults: Boolean(Number(r.drivesResults)),
    overrides: overrides.get(`${r.projectId}\u0000${r.evaluationId}`) ?? [],
  }));
  return { items, total: Number(total?.n ?? 0), limit: filter.limit, offset: filter.offset };
}

export type GradeCounts = Record<Grade, number>;

export interface GradeDistributionRow {
  readonly department: string;
  readonly fiscalYear: number;
  /** Projects counted by the grade of their latest evaluation of that year that drives results (self-evaluations do not). */
  readonly grades: GradeCounts;
  readonly evaluated: number;
}

export const emptyGrades = (): GradeCounts => Object.fromEntries(GRADES.map((g) => [g, 0])) as GradeCounts;

/** Grade distribution 等级分布 per department for one fiscal year: a continuing project counts once in each year it was evaluated. */
export async function gradeDistribution(db: ReadModelDatabase, fiscalYear: number, department?: string): Promise<GradeDistributionRow[]> {
  const rows = await db.all<{ department: string; grade: Grade; n: number }>(
    `SELECT department, grade, COUNT(*) AS n FROM rm_evaluation_grades WHERE fiscal_year = ? ${department !== undefined ? 'AND department = ?' : ''}
     GROUP BY department, grade ORDER BY department`,
    department !== undefined ? [fiscalYear, department] : [fiscalYear],
  );
  const byDepartment = new Map<string, GradeDistributionRow>();
  for (const r of rows) {
    let entry = byDepartment.get(r.department);
    if (!entry) byDepartment.set(r.department, (entry = { department: r.department, fiscalYear, grades: emptyGrades(), evaluated: 0 }));
    entry.grades[r.grade] = Number(r.n);
    (entry as { evaluated: number }).evaluated += Number(r.n);
  }
  return [...byDepartment.values()];
}
