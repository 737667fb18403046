import type { StoredEvent } from '@jixiao/event-store';
import type { SqlExecutor, SqlValue } from '../../database/read-model-database.js';
import type { Projection } from '../../runner/projection.js';
import { dataOf, eventYear, eventYearParams, namedFiscalYear, projectIdOf } from '../project-events.js';

/**
 * The project list 项目清单: one row per budget project and fiscal year it lived 预算年度,
 * with that year's stage, money, latest grade, open deviations and cuts, for filtering and
 * for the dashboards. A continuing project 延续性项目 gains a row at each CycleOpened;
 * `latest` marks the row of the year in force.
 */
const ofEventYear = `project_id = ? AND fiscal_year = ${eventYear('rm_projects')}`;
const rowOf = (event: StoredEvent): SqlValue[] => [projectIdOf(event)!, ...eventYearParams(event)];

const setStage = (stage: string) => async (event: StoredEvent, tx: SqlExecutor) => {
  await tx.run(`UPDATE rm_projects SET stage = ?, revision = ? WHERE ${ofEventYear}`, [stage, event.revision, ...rowOf(event)]);
};

const touch = async (event: StoredEvent, tx: SqlExecutor) => {
  await tx.run(`UPDATE rm_projects SET revision = ? WHERE ${ofEventYear}`, [event.revision, ...rowOf(event)]);
};

export const projectsProjection: Projection = {
  name: 'projects',
  // v2: one row per project and fiscal year (issue 17), `latest` for the year in force.
  version: 2,
  tables: ['rm_projects'],
  schema: [
    `CREATE TABLE rm_projects (
       project_id TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       department TEXT NOT NULL,
       title TEXT NOT NULL,
       category TEXT NOT NULL,
       stage TEXT NOT NULL,
       requested_fen BIGINT NOT NULL,
       allocated_fen BIGINT NOT NULL DEFAULT 0,
       adjusted_budget_fen BIGINT NOT NULL DEFAULT 0,
       spent_fen BIGINT NOT NULL DEFAULT 0,
       grade TEXT,
       total_score REAL,
       open_deviations INTEGER NOT NULL DEFAULT 0,
       cut_fen BIGINT NOT NULL DEFAULT 0,
       proposed_at TEXT NOT NULL,
       revision INTEGER NOT NULL,
       latest INTEGER NOT NULL DEFAULT 1,
       PRIMARY KEY (project_id, fiscal_year)
     )`,
    'CREATE INDEX rm_projects_department_year ON rm_projects (department, fiscal_year)',
    'CREATE INDEX rm_projects_year_stage ON rm_projects (fiscal_year, stage)',
    'CREATE INDEX rm_projects_latest ON rm_projects (latest, fiscal_year)',
  ],
  handlers: {
    ProjectProposed: async (event, tx) => {
      const d = dataOf<{ projectId: string; department: string; fiscalYear: number; title: string; category: string; requestedFen: number; proposedAt: string }>(event);
      await tx.run(
        `INSERT INTO rm_projects (project_id, department, fiscal_year, title, category, stage, requested_fen, proposed_at, revision)
         VALUES (?, ?, ?, ?, ?, 'proposed', ?, ?, ?)`,
        [projectIdOf(event)!, d.department, namedFiscalYear(event) ?? d.fiscalYear, d.title, d.category, d.requestedFen, d.proposedAt, event.revision],
      );
    },
    // The next year starts afresh with its own request; the year before keeps its figures.
    CycleOpened: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const { requestedFen } = dataOf<{ requestedFen: number }>(event);
      const year = namedFiscalYear(event)!;
      await tx.run(
        `INSERT INTO rm_projects (project_id, department, fiscal_year, title, category, stage, requested_fen, proposed_at, revision)
         SELECT project_id, department, ?, title, category, 'goals-submitted', ?, proposed_at, ? FROM rm_projects WHERE project_id = ? AND latest = 1`,
        [year, requestedFen, event.revision, projectId],
      );
      await tx.run('UPDATE rm_projects SET latest = CASE WHEN fiscal_year = ? THEN 1 ELSE 0 END WHERE project_id = ?', [year, projectId]);
    },
    PerformanceGoalSet: setStage('goals-submitted'),
    GoalsReviewed: async (event, tx) => {
      const { outcome } = dataOf<{ outcome: 'approved' | 'revision-required' | 'barred' }>(event);
      const stage = outcome === 'approved' ? 'goals-approved' : outcome === 'revision-required' ? 'goals-revision' : 'goals-barred';
      await setStage(stage)(event, tx);
    },
    ProjectAdmitted: setStage('admitted'),
    ProjectRejected: setStage('rejected'),
    BudgetAllocated: async (event, tx) => {
      const { amountFen } = dataOf<{ amountFen: number }>(event);
      await tx.run(`UPDATE rm_projects SET stage = 'executing', allocated_fen = ?, adjusted_budget_fen = ?, revision = ? WHERE ${ofEventYear}`, [
        amountFen,
        amountFen,
        event.revision,
        ...rowOf(event),
      ]);
    },
    BudgetAdjusted: async (event, tx) => {
      const { adjustedBudgetFen } = dataOf<{ adjustedBudgetFen: number }>(event);
      await tx.run(`UPDATE rm_projects SET adjusted_budget_fen = ?, revision = ? WHERE ${ofEventYear}`, [adjustedBudgetFen, event.revision, ...rowOf(event)]);
    },
    ExpenditureRecorded: async (event, tx) => {
      const { spentToDateFen } = dataOf<{ spentToDateFen: number }>(event);
      await tx.run(`UPDATE rm_projects SET spent_fen = ?, revision = ? WHERE ${ofEventYear}`, [spentToDateFen, event.revision, ...rowOf(event)]);
    },
    DeviationFlagged: async (event, tx) => {
      await tx.run(`UPDATE rm_projects SET open_deviations = open_deviations + 1, revision = ? WHERE ${ofEventYear}`, [event.revision, ...rowOf(event)]);
    },
    DeviationResolved: async (event, tx) => {
      await tx.run(`UPDATE rm_projects SET open_deviations = open_deviations - 1, revision = ? WHERE ${ofEventYear}`, [event.revision, ...rowOf(event)]);
    },
    // The data recovered: the warning is no longer open (its history stays in the watchlist).
    DeviationCleared: async (event, tx) => {
      await tx.run(`UPDATE rm_projects SET open_deviations = open_deviations - 1, revision = ? WHERE ${ofEventYear}`, [event.revision, ...rowOf(event)]);
    },
    EvaluationScored: async (event, tx) => {
      const d = dataOf<{ drivesResults: boolean; grade: string; totalScore: number }>(event);
      if (!d.drivesResults) return touch(event, tx);
      await tx.run(
        `UPDATE rm_projects SET grade = ?, total_score = ?, revision = ?,
           stage = CASE WHEN stage = 'executing' THEN 'evaluated' ELSE stage END
         WHERE ${ofEventYear}`,
        [d.grade, d.totalScore, event.revision, ...rowOf(event)],
      );
    },
    ProjectPrioritised: setStage('results'),
    ProjectMaintained: setStage('results'),
    ProjectSuspended: setStage('results'),
    ProjectCancelled: setStage('results'),
    ProjectReduced: setStage('results'),
    ProjectUseAdjusted: setStage('results'),
    BudgetCut: async (event, tx) => {
      const { amountFen } = dataOf<{ amountFen: number }>(event);
      await tx.run(`UPDATE rm_projects SET cut_fen = cut_fen + ?, revision = ? WHERE ${ofEventYear}`, [amountFen, event.revision, ...rowOf(event)]);
    },
    ProjectClosed: setStage('closed'),
  },
};
