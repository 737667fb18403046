import type { StoredEvent } from '@jixiao/event-store';
import type { SqlExecutor } from '../../database/read-model-database.js';
import type { Projection } from '../../runner/projection.js';
import { dataOf, projectIdOf } from '../project-events.js';

/**
 * The project list 项目清单: one row per budget project, with its stage, money,
 * latest grade, open deviations and cuts, for filtering and for the dashboards.
 */
const setStage = (stage: string) => async (event: StoredEvent, tx: SqlExecutor) => {
  await tx.run('UPDATE rm_projects SET stage = ?, revision = ? WHERE project_id = ?', [stage, event.revision, projectIdOf(event)!]);
};

const touch = async (event: StoredEvent, tx: SqlExecutor) => {
  await tx.run('UPDATE rm_projects SET revision = ? WHERE project_id = ?', [event.revision, projectIdOf(event)!]);
};

export const projectsProjection: Projection = {
  name: 'projects',
  version: 1,
  tables: ['rm_projects'],
  schema: [
    `CREATE TABLE rm_projects (
       project_id TEXT PRIMARY KEY,
       department TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
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
       revision INTEGER NOT NULL
     )`,
    'CREATE INDEX rm_projects_department_year ON rm_projects (department, fiscal_year)',
    'CREATE INDEX rm_projects_year_stage ON rm_projects (fiscal_year, stage)',
  ],
  handlers: {
    ProjectProposed: async (event, tx) => {
      const d = dataOf<{ projectId: string; department: string; fiscalYear: number; title: string; category: string; requestedFen: number; proposedAt: string }>(event);
      await tx.run(
        `INSERT INTO rm_projects (project_id, department, fiscal_year, title, category, stage, requested_fen, proposed_at, revision)
         VALUES (?, ?, ?, ?, ?, 'proposed', ?, ?, ?)`,
        [projectIdOf(event)!, d.department, d.fiscalYear, d.title, d.category, d.requestedFen, d.proposedAt, event.revision],
      );
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
      await tx.run(
        `UPDATE rm_projects SET stage = 'executing', allocated_fen = ?, adjusted_budget_fen = ?, revision = ? WHERE project_id = ?`,
        [amountFen, amountFen, event.revision, projectIdOf(event)!],
      );
    },
    BudgetAdjusted: async (event, tx) => {
      const { adjustedBudgetFen } = dataOf<{ adjustedBudgetFen: number }>(event);
      await tx.run('UPDATE rm_projects SET adjusted_budget_fen = ?, revision = ? WHERE project_id = ?', [adjustedBudgetFen, event.revision, projectIdOf(event)!]);
    },
    ExpenditureRecorded: async (event, tx) => {
      const { spentToDateFen } = dataOf<{ spentToDateFen: number }>(event);
      await tx.run('UPDATE rm_projects SET spent_fen = ?, revision = ? WHERE project_id = ?', [spentToDateFen, event.revision, projectIdOf(event)!]);
    },
    DeviationFlagged: async (event, tx) => {
      await tx.run('UPDATE rm_projects SET open_deviations = open_deviations + 1, revision = ? WHERE project_id = ?', [event.revision, projectIdOf(event)!]);
    },
    DeviationResolved: async (event, tx) => {
      await tx.run('UPDATE rm_projects SET open_deviations = open_deviations - 1, revision = ? WHERE project_id = ?', [event.revision, projectIdOf(event)!]);
    },
    // The data recovered: the warning is no longer open (its history stays in the watchlist).
    DeviationCleared: async (event, tx) => {
      await tx.run('UPDATE rm_projects SET open_deviations = open_deviations - 1, revision = ? WHERE project_id = ?', [event.revision, projectIdOf(event)!]);
    },
    EvaluationScored: async (event, tx) => {
      const d = dataOf<{ drivesResults: boolean; grade: string; totalScore: number }>(event);
      if (!d.drivesResults) return touch(event, tx);
      await tx.run(
        `UPDATE rm_projects SET grade = ?, total_score = ?, revision = ?,
           stage = CASE WHEN stage = 'executing' THEN 'evaluated' ELSE stage END
         WHERE project_id = ?`,
        [d.grade, d.totalScore, event.revision, projectIdOf(event)!],
      );
    },
    ProjectPrioritised: setStage('results'),
    ProjectMaintained: setStage('results'),
    ProjectSuspended: setStage('results'),
    ProjectCancelled: setStage('results'),
    BudgetCut: async (event, tx) => {
      const { amountFen } = dataOf<{ amountFen: number }>(event);
      await tx.run('UPDATE rm_projects SET cut_fen = cut_fen + ?, revision = ? WHERE project_id = ?', [amountFen, event.revision, projectIdOf(event)!]);
    },
    ProjectClosed: setStage('closed'),
  },
};
