import type { Cause } from '@jixiao/domain';
import type { Projection } from '../../runner/projection.js';
import { dataOf, projectIdOf } from '../project-events.js';

/**
 * The accountability ledger 问责台账: rectifications 整改 with their deadlines, accountability
 * actions 问责, and budget cuts 预算削减 with the evaluation or rectification that caused
 * each. Evaluations are kept in brief so a cut can show the grade and score behind it.
 */
const iso = (instant: string) => new Date(instant).toISOString(); // one format, so deadlines compare as text

export const accountabilityProjection: Projection = {
  name: 'accountability',
  version: 1,
  tables: ['rm_accountability_projects', 'rm_accountability_evaluations', 'rm_rectifications', 'rm_accountability_actions', 'rm_cuts'],
  schema: [
    `CREATE TABLE rm_accountability_projects (
       project_id TEXT PRIMARY KEY,
       department TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       title TEXT NOT NULL
     )`,
    `CREATE TABLE rm_accountability_evaluations (
       project_id TEXT NOT NULL,
       evaluation_id TEXT NOT NULL,
       kind TEXT NOT NULL,
       total_score DOUBLE PRECISION NOT NULL,
       grade TEXT NOT NULL,
       scored_at TEXT NOT NULL,
       PRIMARY KEY (project_id, evaluation_id)
     )`,
    `CREATE TABLE rm_rectifications (
       project_id TEXT NOT NULL,
       rectification_id TEXT NOT NULL,
       department TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       title TEXT NOT NULL,
       evaluation_id TEXT,
       issues TEXT NOT NULL,
       ordered_at TEXT NOT NULL,
       deadline TEXT NOT NULL,
       status TEXT NOT NULL,
       reported_at TEXT,
       reported_late INTEGER,
       verified_at TEXT,
       failed_verifications INTEGER NOT NULL DEFAULT 0,
       PRIMARY KEY (project_id, rectification_id)
     )`,
    'CREATE INDEX rm_rectifications_year_department ON rm_rectifications (fiscal_year, department)',
    `CREATE TABLE rm_accountability_actions (
       project_id TEXT NOT NULL,
       action_id TEXT NOT NULL,
       department TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       title TEXT NOT NULL,
       cause_kind TEXT NOT NULL,
       cause_id TEXT NOT NULL,
       target TEXT NOT NULL,
       measure TEXT NOT NULL,
       taken_at TEXT NOT NULL,
       PRIMARY KEY (project_id, action_id)
     )`,
    'CREATE INDEX rm_accountability_actions_year_department ON rm_accountability_actions (fiscal_year, department)',
    `CREATE TABLE rm_cuts (
       project_id TEXT NOT NULL,
       cut_id TEXT NOT NULL,
       department TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       title TEXT NOT NULL,
       cause_kind TEXT NOT NULL,
       cause_id TEXT NOT NULL,
       grade TEXT,
       base_fen BIGINT NOT NULL,
       proportion DOUBLE PRECISION NOT NULL,
       amount_fen BIGINT NOT NULL,
       cut_at TEXT NOT NULL,
       PRIMARY KEY (project_id, cut_id)
     )`,
    'CREATE INDEX rm_cuts_year_department ON rm_cuts (fiscal_year, department)',
  ],
  handlers: {
    ProjectProposed: async (event, tx) => {
      const d = dataOf<{ department: string; fiscalYear: number; title: string }>(event);
      await tx.run('INSERT INTO rm_accountability_projects (project_id, department, fiscal_year, title) VALUES (?, ?, ?, ?)', [projectIdOf(event)!, d.department, d.fiscalYear, d.title]);
    },
    EvaluationScored: async (event, tx) => {
      const d = dataOf<{ evaluationId: string; kind: string; totalScore: number; grade: string; scoredAt: string }>(event);
      await tx.run(
        'INSERT INTO rm_accountability_evaluations (project_id, evaluation_id, kind, total_score, grade, scored_at) VALUES (?, ?, ?, ?, ?, ?)',
        [projectIdOf(event)!, d.evaluationId, d.kind, d.totalScore, d.grade, d.scoredAt],
      );
    },
    RectificationOrdered: async (event, tx) => {
      const d = dataOf<{ rectificationId: string; evaluationId: string | null; issues: string; orderedAt: string; deadline: string }>(event);
      await tx.run(
        `INSERT INTO rm_rectifications (project_id, rectification_id, department, fiscal_year, title, evaluation_id, issues, ordered_at, deadline, status)
         SELECT project_id, ?, department, fiscal_year, title, ?, ?, ?, ?, 'ordered' FROM rm_accountability_projects WHERE project_id = ?`,
        [d.rectificationId, d.evaluationId, d.issues, iso(d.orderedAt), iso(d.deadline), projectIdOf(event)!],
      );
    },
    RectificationReported: async (event, tx) => {
      const d = dataOf<{ rectificationId: string; reportedAt: string; late: boolean }>(event);
      await tx.run(
        `UPDATE rm_rectifications SET status = 'reported', reported_at = ?, reported_late = ? WHERE project_id = ? AND rectification_id = ?`,
        [iso(d.reportedAt), d.late ? 1 : 0, projectIdOf(event)!, d.rectificationId],
      );
    },
    // A failed verification sends the rectification back to the department: ordered again, same deadline.
    RectificationVerified: async (event, tx) => {
      const d = dataOf<{ rectificationId: string; passed: boolean; verifiedAt: string }>(event);
      await tx.run(
        d.passed
          ? `UPDATE rm_rectifications SET status = 'verified', verified_at = ? WHERE project_id = ? AND rectification_id = ?`
          : `UPDATE rm_rectifications SET status = 'ordered', failed_verifications = failed_verifications + 1, verified_at = ? WHERE project_id = ? AND rectification_id = ?`,
        [iso(d.verifiedAt), projectIdOf(event)!, d.rectificationId],
      );
    },
    AccountabilityActionTaken: async (event, tx) => {
      const d = dataOf<{ actionId: string; cause: Cause; target: string; measure: string; takenAt: string }>(event);
      await tx.run(
        `INSERT INTO rm_accountability_actions (project_id, action_id, department, fiscal_year, title, cause_kind, cause_id, target, measure, taken_at)
         SELECT project_id, ?, department, fiscal_year, title, ?, ?, ?, ?, ? FROM rm_accountability_projects WHERE project_id = ?`,
        [d.actionId, d.cause.kind, causeId(d.cause), d.target, d.measure, iso(d.takenAt), projectIdOf(event)!],
      );
    },
    BudgetCut: async (event, tx) => {
      const d = dataOf<{ cutId: string; cause: Cause; grade: string | null; baseFen: number; proportion: number; amountFen: number; cutAt: string }>(event);
      await tx.run(
        `INSERT INTO rm_cuts (project_id, cut_id, department, fiscal_year, title, cause_kind, cause_id, grade, base_fen, proportion, amount_fen, cut_at)
         SELECT project_id, ?, department, fiscal_year, title, ?, ?, ?, ?, ?, ?, ? FROM rm_accountability_projects WHERE project_id = ?`,
        [d.cutId, d.cause.kind, causeId(d.cause), d.grade, d.baseFen, d.proportion, d.amountFen, iso(d.cutAt), projectIdOf(event)!],
      );
    },
  },
};

export const causeId = (cause: Cause): string => (cause.kind === 'evaluation' ? cause.evaluationId : cause.rectificationId);
