import type { Cause, RulebookRef } from '@jixiao/domain';
import type { Projection } from '../../runner/projection.js';
import { dataOf, namedFiscalYear, projectIdOf, projectTableHandlers } from '../project-events.js';

/**
 * The accountability ledger 问责台账: rectifications 整改 with their deadlines, accountability
 * actions 问责, and budget cuts 预算削减 with the evaluation or rectification that caused
 * each, the rulebook that set it, and the next year's allocation that applied it
 * (PriorCutsApplied), with any exception above the cut cap 削减后上限 and its reason.
 * Evaluations are kept in brief so a cut can show the grade and score behind it; every
 * allocation is kept so a cut can show the approval document 批复文号 that applied it.
 * Each record sits in the fiscal year of its event (a rectification in the year ordered,
 * even when it is reported and verified the year after); rm_accountability_projects holds
 * each project's year in force (moved on by CycleOpened), for events stored before they
 * recorded their own year.
 */
const iso = (instant: string) => new Date(instant).toISOString(); // one format, so deadlines compare as text

export const accountabilityProjection: Projection = {
  name: 'accountability',
  // v2: each record in its own fiscal year; cuts with their rulebook and the allocation that applied them (issue 17).
  version: 2,
  tables: ['rm_accountability_projects', 'rm_accountability_evaluations', 'rm_rectifications', 'rm_accountability_actions', 'rm_cuts', 'rm_accountability_allocations'],
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
       rulebook_id TEXT,
       rulebook_version INTEGER,
       applied_fiscal_year INTEGER,
       PRIMARY KEY (project_id, cut_id)
     )`,
    'CREATE INDEX rm_cuts_year_department ON rm_cuts (fiscal_year, department)',
    'CREATE INDEX rm_cuts_applied_year ON rm_cuts (applied_fiscal_year)',
    `CREATE TABLE rm_accountability_allocations (
       project_id TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       department TEXT NOT NULL,
       title TEXT NOT NULL,
       allocated_fen BIGINT NOT NULL,
       document_no TEXT,
       allocated_at TEXT NOT NULL,
       from_fiscal_year INTEGER,
       cap_fen BIGINT,
       cut_total_fen BIGINT,
       cut_ids TEXT,
       exception_reason TEXT,
       applied_at TEXT,
       PRIMARY KEY (project_id, fiscal_year)
     )`,
    'CREATE INDEX rm_accountability_allocations_from_year ON rm_accountability_allocations (from_fiscal_year, department)',
  ],
  handlers: {
    ...projectTableHandlers('rm_accountability_projects'),
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
         SELECT project_id, ?, department, COALESCE(?, fiscal_year), title, ?, ?, ?, ?, 'ordered' FROM rm_accountability_projects WHERE project_id = ?`,
        [d.rectificationId, namedFiscalYear(event), d.evaluationId, d.issues, iso(d.orderedAt), iso(d.deadline), projectIdOf(event)!],
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
         SELECT project_id, ?, department, COALESCE(?, fiscal_year), title, ?, ?, ?, ?, ? FROM rm_accountability_projects WHERE project_id = ?`,
        [d.actionId, namedFiscalYear(event), d.cause.kind, causeId(d.cause), d.target, d.measure, iso(d.takenAt), projectIdOf(event)!],
      );
    },
    BudgetCut: async (event, tx) => {
      const d = dataOf<{
        cutId: string; cause: Cause; grade: string | null; baseFen: number; proportion: number; amountFen: number; cutAt: string; rulebook?: RulebookRef | null;
      }>(event);
      // The rulebook the cut was decided under: its own field, else what the pipeline recorded in metadata (DESIGN §6.4).
      const rulebook = d.rulebook ?? (event.metadata['rulebook'] as RulebookRef | undefined) ?? null;
      await tx.run(
        `INSERT INTO rm_cuts (project_id, cut_id, department, fiscal_year, title, cause_kind, cause_id, grade, base_fen, proportion, amount_fen, cut_at, rulebook_id, rulebook_version)
         SELECT project_id, ?, department, COALESCE(?, fiscal_year), title, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM rm_accountability_projects WHERE project_id = ?`,
        [
          d.cutId, namedFiscalYear(event), d.cause.kind, causeId(d.cause), d.grade, d.baseFen, d.proportion, d.amountFen, iso(d.cutAt),
          rulebook?.id ?? null, rulebook?.version ?? null, projectIdOf(event)!,
        ],
      );
    },
    // Every allocation 预算批复, so the one that applies the year before's cuts can show its document number.
    BudgetAllocated: async (event, tx) => {
      const d = dataOf<{ amountFen: number; documentNo: string | null; allocatedAt: string }>(event);
      await tx.run(
        `INSERT INTO rm_accountability_allocations (project_id, fiscal_year, department, title, allocated_fen, document_no, allocated_at)
         SELECT project_id, COALESCE(?, fiscal_year), department, title, ?, ?, ? FROM rm_accountability_projects WHERE project_id = ?
         ON CONFLICT (project_id, fiscal_year) DO UPDATE SET allocated_fen = excluded.allocated_fen, document_no = excluded.document_no, allocated_at = excluded.allocated_at`,
        [namedFiscalYear(event), d.amountFen, d.documentNo ?? null, iso(d.allocatedAt), projectIdOf(event)!],
      );
    },
    // The allocation of a following year applied the year before's cuts (削减落实): each cut now names it.
    PriorCutsApplied: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const d = dataOf<{ fiscalYear: number; fromFiscalYear: number; cutIds: string[]; cutTotalFen: number; capFen: number; allocatedFen: number; exceptionReason: string | null; appliedAt: string }>(event);
      await tx.run(
        `UPDATE rm_accountability_allocations SET from_fiscal_year = ?, cap_fen = ?, cut_total_fen = ?, cut_ids = ?, exception_reason = ?, applied_at = ?
         WHERE project_id = ? AND fiscal_year = ?`,
        [d.fromFiscalYear, d.capFen, d.cutTotalFen, JSON.stringify(d.cutIds), d.exceptionReason, iso(d.appliedAt), projectId, d.fiscalYear],
      );
      for (const cutId of d.cutIds) {
        await tx.run('UPDATE rm_cuts SET applied_fiscal_year = ? WHERE project_id = ? AND cut_id = ?', [d.fiscalYear, projectId, cutId]);
      }
    },
  },
};

export const causeId = (cause: Cause): string => (cause.kind === 'evaluation' ? cause.evaluationId : cause.rectificationId);
