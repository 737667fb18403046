import type { Projection } from '../../runner/projection.js';
import { dataOf, namedFiscalYear, projectIdOf, projectTableHandlers } from '../project-events.js';

/**
 * Evaluation results 绩效评价结果: every scored evaluation (self-evaluations 自评 too), in the
 * fiscal year it evaluates, and per project and year the grade of its latest evaluation
 * that drives results, which is what the grade distribution counts. rm_evaluation_projects
 * holds each project's year in force (moved on by CycleOpened), for events stored before
 * they recorded their own year.
 */
export const evaluationsProjection: Projection = {
  name: 'evaluations',
  // v2: rm_evaluation_overrides, the overridden rows of self-evaluation sheets with both values and the reason.
  // v3: each evaluation in its own fiscal year; grades per project and year (issue 17).
  version: 3,
  tables: ['rm_evaluation_projects', 'rm_evaluations', 'rm_evaluation_grades', 'rm_evaluation_overrides'],
  schema: [
    `CREATE TABLE rm_evaluation_projects (
       project_id TEXT PRIMARY KEY,
       department TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       title TEXT NOT NULL
     )`,
    `CREATE TABLE rm_evaluations (
       project_id TEXT NOT NULL,
       evaluation_id TEXT NOT NULL,
       department TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       title TEXT NOT NULL,
       kind TEXT NOT NULL,
       evaluator_id TEXT NOT NULL,
       method TEXT,
       total_score DOUBLE PRECISION NOT NULL,
       grade TEXT NOT NULL,
       execution_rate DOUBLE PRECISION NOT NULL,
       drives_results INTEGER NOT NULL,
       scored_at TEXT NOT NULL,
       PRIMARY KEY (project_id, evaluation_id)
     )`,
    'CREATE INDEX rm_evaluations_year_department ON rm_evaluations (fiscal_year, department)',
    `CREATE TABLE rm_evaluation_grades (
       project_id TEXT NOT NULL,
       department TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       grade TEXT NOT NULL,
       PRIMARY KEY (project_id, fiscal_year)
     )`,
    'CREATE INDEX rm_evaluation_grades_year_department ON rm_evaluation_grades (fiscal_year, department, grade)',
    `CREATE TABLE rm_evaluation_overrides (
       project_id TEXT NOT NULL,
       evaluation_id TEXT NOT NULL,
       indicator_id TEXT NOT NULL,
       computed_points DOUBLE PRECISION,
       declared_points DOUBLE PRECISION NOT NULL,
       reason TEXT NOT NULL,
       PRIMARY KEY (project_id, evaluation_id, indicator_id)
     )`,
  ],
  handlers: {
    ...projectTableHandlers('rm_evaluation_projects'),
    EvaluationScored: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const d = dataOf<{
        evaluationId: string; kind: string; evaluatorId: string; method: string | null; totalScore: number; grade: string; executionRate: number; drivesResults: boolean; scoredAt: string;
        sheet?: { rows?: Array<{ indicatorId: string; overridden: boolean; computedPoints: number | null; points: number; overrideReason: string | null }> } | null;
      }>(event);
      const year = namedFiscalYear(event);
      await tx.run(
        `INSERT INTO rm_evaluations (project_id, evaluation_id, department, fiscal_year, title, kind, evaluator_id, method, total_score, grade, execution_rate, drives_results, scored_at)
         SELECT project_id, ?, department, COALESCE(?, fiscal_year), title, ?, ?, ?, ?, ?, ?, ?, ? FROM rm_evaluation_projects WHERE project_id = ?`,
        [d.evaluationId, year, d.kind, d.evaluatorId, d.method, d.totalScore, d.grade, d.executionRate, d.drivesResults ? 1 : 0, d.scoredAt, projectId],
      );
      // A v1 event, or an evaluation with typed points, has no sheet and so no overrides.
      for (const row of d.sheet?.rows ?? []) {
        if (!row.overridden) continue;
        await tx.run(
          `INSERT INTO rm_evaluation_overrides (project_id, evaluation_id, indicator_id, computed_points, declared_points, reason) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (project_id, evaluation_id, indicator_id) DO NOTHING`,
          [projectId, d.evaluationId, row.indicatorId, row.computedPoints, row.points, row.overrideReason ?? ''],
        );
      }
      if (!d.drivesResults) return;
      await tx.run(
        `INSERT INTO rm_evaluation_grades (project_id, department, fiscal_year, grade)
         SELECT project_id, department, COALESCE(?, fiscal_year), ? FROM rm_evaluation_projects WHERE project_id = ?
         ON CONFLICT (project_id, fiscal_year) DO UPDATE SET grade = excluded.grade`,
        [year, d.grade, projectId],
      );
    },
  },
};
