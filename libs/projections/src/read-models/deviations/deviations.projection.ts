import type { DeviationSubject } from '@jixiao/domain';
import type { Projection } from '../../runner/projection.js';
import { dataOf, namedFiscalYear, projectIdOf, projectTableHandlers } from '../project-events.js';
import type { StoredEvent } from '@jixiao/event-store';
import type { SqlExecutor } from '../../database/read-model-database.js';

/** A raise or a lowering: the level and the figures of the judgement that moved it. */
const setLevel = async (event: StoredEvent, tx: SqlExecutor) => {
  const d = dataOf<{ deviationId: string; level: string; expected: number | null; actual: number | null; gap: number }>(event);
  await tx.run('UPDATE rm_deviations SET level = ?, expected = ?, actual = ?, gap = ? WHERE project_id = ? AND deviation_id = ?', [
    d.level, d.expected, d.actual, d.gap, projectIdOf(event)!, d.deviationId,
  ]);
};

/**
 * The deviation watchlist 偏差预警清单: one row per deviation 偏差 (a warning light on a
 * reading or on budget execution), from flagged through explained to resolved — or
 * cleared by the data, the row kept — with its level following raises and lowerings, and
 * the project's department and the fiscal year it was flagged in copied in so the list
 * filters without a join. rm_deviation_projects holds each project's year in force (moved
 * on by CycleOpened), for events stored before they recorded their own year.
 * Every value comes from the light events; nothing here judges a light.
 */
export const deviationsProjection: Projection = {
  name: 'deviations',
  // v2: each deviation in the fiscal year it was flagged in (issue 17).
  version: 2,
  tables: ['rm_deviation_projects', 'rm_deviations'],
  schema: [
    `CREATE TABLE rm_deviation_projects (
       project_id TEXT PRIMARY KEY,
       department TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       title TEXT NOT NULL
     )`,
    `CREATE TABLE rm_deviations (
       project_id TEXT NOT NULL,
       deviation_id TEXT NOT NULL,
       department TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       title TEXT NOT NULL,
       subject_kind TEXT NOT NULL,
       indicator_id TEXT,
       period TEXT,
       level TEXT NOT NULL,
       expected DOUBLE PRECISION,
       actual DOUBLE PRECISION,
       gap DOUBLE PRECISION NOT NULL,
       flagged_at TEXT NOT NULL,
       status TEXT NOT NULL,
       escalated INTEGER NOT NULL DEFAULT 0,
       cause TEXT,
       measures TEXT,
       likelihood TEXT,
       resolution TEXT,
       resolved_at TEXT,
       PRIMARY KEY (project_id, deviation_id)
     )`,
    'CREATE INDEX rm_deviations_watch ON rm_deviations (status, level, flagged_at)',
    'CREATE INDEX rm_deviations_department_year ON rm_deviations (department, fiscal_year)',
  ],
  handlers: {
    ...projectTableHandlers('rm_deviation_projects'),
    DeviationFlagged: async (event, tx) => {
      const d = dataOf<{ deviationId: string; subject: DeviationSubject; level: string; expected: number | null; actual: number | null; gap: number; flaggedAt: string }>(event);
      const indicator = d.subject.kind === 'indicator' ? d.subject : null;
      await tx.run(
        `INSERT INTO rm_deviations (project_id, deviation_id, department, fiscal_year, title, subject_kind, indicator_id, period, level, expected, actual, gap, flagged_at, status)
         SELECT project_id, ?, department, COALESCE(?, fiscal_year), title, ?, ?, ?, ?, ?, ?, ?, ?, 'open' FROM rm_deviation_projects WHERE project_id = ?`,
        [d.deviationId, namedFiscalYear(event), d.subject.kind, indicator?.indicatorId ?? null, indicator?.period ?? null, d.level, d.expected, d.actual, d.gap, d.flaggedAt, projectIdOf(event)!],
      );
    },
    DeviationExplained: async (event, tx) => {
      const d = dataOf<{ deviationId: string; cause: string; measures: string; likelihood: string }>(event);
      // A warning already cleared by the data stays cleared; its explanation is kept.
      await tx.run(
        `UPDATE rm_deviations SET status = CASE WHEN status = 'cleared' THEN 'cleared' ELSE 'explained' END, cause = ?, measures = ?, likelihood = ? WHERE project_id = ? AND deviation_id = ?`,
        [d.cause, d.measures, d.likelihood, projectIdOf(event)!, d.deviationId],
      );
    },
    DeviationResolved: async (event, tx) => {
      const d = dataOf<{ deviationId: string; resolution: string; resolvedAt: string }>(event);
      await tx.run(
        `UPDATE rm_deviations SET status = 'resolved', resolution = ?, resolved_at = ? WHERE project_id = ? AND deviation_id = ?`,
        [d.resolution, d.resolvedAt, projectIdOf(event)!, d.deviationId],
      );
    },
    DeviationRaised: async (event, tx) => setLevel(event, tx),
    DeviationLowered: async (event, tx) => setLevel(event, tx),
    DeviationCleared: async (event, tx) => {
      const { deviationId } = dataOf<{ deviationId: string }>(event);
      await tx.run(`UPDATE rm_deviations SET status = 'cleared' WHERE project_id = ? AND deviation_id = ?`, [projectIdOf(event)!, deviationId]);
    },
    DeviationEscalated: async (event, tx) => {
      const { deviationId } = dataOf<{ deviationId: string }>(event);
      await tx.run('UPDATE rm_deviations SET escalated = 1 WHERE project_id = ? AND deviation_id = ?', [projectIdOf(event)!, deviationId]);
    },
  },
};
