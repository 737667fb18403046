import { GRADES, type Comparator, type Grade, type IndicatorDefinition, type Likelihood } from '@jixiao/domain';
import type { StoredEvent } from '@jixiao/event-store';
import type { SqlExecutor, SqlValue } from '../../database/read-model-database.js';
import type { Projection } from '../../runner/projection.js';
import { indicatorStatus, isLaterOrSame, isOnTrack, type IndicatorStatus } from '../indicator-status.js';
import { dataOf, projectIdOf } from '../project-events.js';

/**
 * The department dashboard 部门绩效看板: one row per department and fiscal year, kept up to
 * date by adding each event's change, so the query reads a few dozen rows however long
 * the log. Small side tables remember what a later event needs to undo: a project's
 * department and grade, the level of each open deviation, each indicator's latest status.
 */
const inDashboardOf = `(fiscal_year, department) = (SELECT fiscal_year, department FROM rm_dashboard_projects WHERE project_id = ?)`;

/** Adds to the counters of the project's department-year: `set` is a fixed SET clause, its values first. */
const bump = (tx: SqlExecutor, projectId: string, set: string, values: readonly SqlValue[]) =>
  tx.run(`UPDATE rm_dashboard SET ${set} WHERE ${inDashboardOf}`, [...values, projectId]);

const gradeColumn = (grade: string): string => {
  if (!(GRADES as readonly string[]).includes(grade)) throw new Error(`Unknown grade ${grade}`);
  return `grade_${grade}`;
};

const counts = (status: IndicatorStatus) => ({ judged: status === 'no-reading' ? 0 : 1, onTrack: isOnTrack(status) ? 1 : 0 });

async function restatus(tx: SqlExecutor, projectId: string, before: IndicatorStatus, after: IndicatorStatus): Promise<void> {
  const a = counts(before);
  const b = counts(after);
  if (a.judged === b.judged && a.onTrack === b.onTrack) return;
  await bump(tx, projectId, 'indicators_judged = indicators_judged + ?, indicators_on_track = indicators_on_track + ?', [b.judged - a.judged, b.onTrack - a.onTrack]);
}

interface IndicatorRow {
  comparator: Comparator;
  start_target: number | null;
  adjusted_target: number | null;
  latest_period: string | null;
  latest_value: number | null;
  latest_likelihood: Likelihood | null;
  status: IndicatorStatus;
  fiscal_year: number;
}

const indicatorOf = (tx: SqlExecutor, projectId: string, indicatorId: string) =>
  tx.get<IndicatorRow>(
    `SELECT i.comparator, i.start_target, i.adjusted_target, i.latest_period, i.latest_value, i.latest_likelihood, i.status, p.fiscal_year
     FROM rm_dashboard_indicators i JOIN rm_dashboard_projects p ON p.project_id = i.project_id
     WHERE i.project_id = ? AND i.indicator_id = ?`,
    [projectId, indicatorId],
  );

export const dashboardProjection: Projection = {
  name: 'dashboard',
  // v2: a grade_low column for five-grade rulebooks (优/良/中/低/差); the runner rebuilds from zero.
  version: 2,
  tables: ['rm_dashboard', 'rm_dashboard_projects', 'rm_dashboard_deviations', 'rm_dashboard_indicators'],
  schema: [
    `CREATE TABLE rm_dashboard (
       fiscal_year INTEGER NOT NULL,
       department TEXT NOT NULL,
       projects INTEGER NOT NULL DEFAULT 0,
       requested_fen BIGINT NOT NULL DEFAULT 0,
       allocated_fen BIGINT NOT NULL DEFAULT 0,
       adjusted_budget_fen BIGINT NOT NULL DEFAULT 0,
       spent_fen BIGINT NOT NULL DEFAULT 0,
       cut_fen BIGINT NOT NULL DEFAULT 0,
       open_yellow INTEGER NOT NULL DEFAULT 0,
       open_red INTEGER NOT NULL DEFAULT 0,
       grade_excellent INTEGER NOT NULL DEFAULT 0,
       grade_good INTEGER NOT NULL DEFAULT 0,
       grade_fair INTEGER NOT NULL DEFAULT 0,
       grade_low INTEGER NOT NULL DEFAULT 0,
       grade_poor INTEGER NOT NULL DEFAULT 0,
       indicators_total INTEGER NOT NULL DEFAULT 0,
       indicators_judged INTEGER NOT NULL DEFAULT 0,
       indicators_on_track INTEGER NOT NULL DEFAULT 0,
       PRIMARY KEY (fiscal_year, department)
     )`,
    `CREATE TABLE rm_dashboard_projects (
       project_id TEXT PRIMARY KEY,
       department TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       grade TEXT
     )`,
    `CREATE TABLE rm_dashboard_deviations (
       project_id TEXT NOT NULL,
       deviation_id TEXT NOT NULL,
       level TEXT NOT NULL,
       PRIMARY KEY (project_id, deviation_id)
     )`,
    `CREATE TABLE rm_dashboard_indicators (
       project_id TEXT NOT NULL,
       indicator_id TEXT NOT NULL,
       comparator TEXT NOT NULL,
       start_target DOUBLE PRECISION,
       adjusted_target DOUBLE PRECISION,
       latest_period TEXT,
       latest_value DOUBLE PRECISION,
       latest_likelihood TEXT,
       status TEXT NOT NULL,
       PRIMARY KEY (project_id, indicator_id)
     )`,
  ],
  handlers: {
    ProjectProposed: async (event, tx) => {
      const d = dataOf<{ department: string; fiscalYear: number; requestedFen: number }>(event);
      await tx.run('INSERT INTO rm_dashboard_projects (project_id, department, fiscal_year) VALUES (?, ?, ?)', [projectIdOf(event)!, d.department, d.fiscalYear]);
      await tx.run(
        `INSERT INTO rm_dashboard (fiscal_year, department, projects, requested_fen) VALUES (?, ?, 1, ?)
         ON CONFLICT (fiscal_year, department) DO UPDATE SET projects = rm_dashboard.projects + 1, requested_fen = rm_dashboard.requested_fen + excluded.requested_fen`,
        [d.fiscalYear, d.department, d.requestedFen],
      );
    },
    PerformanceGoalSet: async (event, tx) => goalsSet(event, tx),
    BudgetAllocated: async (event, tx) => {
      const { amountFen } = dataOf<{ amountFen: number }>(event);
      await bump(tx, projectIdOf(event)!, 'allocated_fen = allocated_fen + ?, adjusted_budget_fen = adjusted_budget_fen + ?', [amountFen, amountFen]);
    },
    BudgetAdjusted: async (event, tx) => {
      const d = dataOf<{ previousBudgetFen: number; adjustedBudgetFen: number }>(event);
      await bump(tx, projectIdOf(event)!, 'adjusted_budget_fen = adjusted_budget_fen + ?', [d.adjustedBudgetFen - d.previousBudgetFen]);
    },
    ExpenditureRecorded: async (event, tx) => {
      const { amountFen } = dataOf<{ amountFen: number }>(event);
      await bump(tx, projectIdOf(event)!, 'spent_fen = spent_fen + ?', [amountFen]);
    },
    BudgetCut: async (event, tx) => {
      const { amountFen } = dataOf<{ amountFen: number }>(event);
      await bump(tx, projectIdOf(event)!, 'cut_fen = cut_fen + ?', [amountFen]);
    },
    DeviationFlagged: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const d = dataOf<{ deviationId: string; level: 'yellow' | 'red' }>(event);
      await tx.run('INSERT INTO rm_dashboard_deviations (project_id, deviation_id, level) VALUES (?, ?, ?)', [projectId, d.deviationId, d.level]);
      await bump(tx, projectId, d.level === 'red' ? 'open_red = open_red + 1' : 'open_yellow = open_yellow + 1', []);
    },
    DeviationResolved: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const { deviationId } = dataOf<{ deviationId: string }>(event);
      const open = await tx.get<{ level: string }>('SELECT level FROM rm_dashboard_deviations WHERE project_id = ? AND deviation_id = ?', [projectId, deviationId]);
      if (!open) return;
      await tx.run('DELETE FROM rm_dashboard_deviations WHERE project_id = ? AND deviation_id = ?', [projectId, deviationId]);
      await bump(tx, projectId, open.level === 'red' ? 'open_red = open_red - 1' : 'open_yellow = open_yellow - 1', []);
    },
    // The distribution counts each project once, by the grade of its latest evaluation that drives results.
    EvaluationScored: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const d = dataOf<{ drivesResults: boolean; grade: Grade }>(event);
      if (!d.drivesResults) return;
      const project = await tx.get<{ grade: string | null }>('SELECT grade FROM rm_dashboard_projects WHERE project_id = ?', [projectId]);
      if (!project) return;
      await tx.run('UPDATE rm_dashboard_projects SET grade = ? WHERE project_id = ?', [d.grade, projectId]);
      const to = gradeColumn(d.grade);
      if (project.grade === null) await bump(tx, projectId, `${to} = ${to} + 1`, []);
      else if (project.grade !== d.grade) {
        const from = gradeColumn(project.grade);
        await bump(tx, projectId, `${from} = ${from} - 1, ${to} = ${to} + 1`, []);
      }
    },
    TargetAdjusted: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const d = dataOf<{ indicatorId: string; adjustedTarget: number }>(event);
      const row = await indicatorOf(tx, projectId, d.indicatorId);
      if (!row) return;
      const latest = row.latest_period === null ? null : { period: row.latest_period, value: row.latest_value, likelihood: row.latest_likelihood };
      const status = indicatorStatus(row.comparator, d.adjustedTarget, Number(row.fiscal_year), latest);
      await tx.run('UPDATE rm_dashboard_indicators SET adjusted_target = ?, status = ? WHERE project_id = ? AND indicator_id = ?', [d.adjustedTarget, status, projectId, d.indicatorId]);
      await restatus(tx, projectId, row.status, status);
    },
    MonitoringReadingRecorded: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const d = dataOf<{ indicatorId: string; period: string; value: number | null; likelihood: Likelihood | null }>(event);
      const row = await indicatorOf(tx, projectId, d.indicatorId);
      if (!row || !isLaterOrSame(d.period, row.latest_period)) return;
      const status = indicatorStatus(row.comparator, row.adjusted_target ?? row.start_target, Number(row.fiscal_year), d);
      await tx.run(
        'UPDATE rm_dashboard_indicators SET latest_period = ?, latest_value = ?, latest_likelihood = ?, status = ? WHERE project_id = ? AND indicator_id = ?',
        [d.period, d.value, d.likelihood, status, projectId, d.indicatorId],
      );
      await restatus(tx, projectId, row.status, status);
    },
  },
};

/** New or revised goals replace the project's indicators; the counters lose the old set and gain the new. */
async function goalsSet(event: StoredEvent, tx: SqlExecutor): Promise<void> {
  const projectId = projectIdOf(event)!;
  const { indicators } = dataOf<{ indicators: IndicatorDefinition[] }>(event);
  const old = await tx.get<{ n: number; judged: number | null; on_track: number | null }>(
    `SELECT COUNT(*) AS n, SUM(CASE WHEN status <> 'no-reading' THEN 1 ELSE 0 END) AS judged,
            SUM(CASE WHEN status IN ('met', 'on-track') THEN 1 ELSE 0 END) AS on_track
     FROM rm_dashboard_indicators WHERE project_id = ?`,
    [projectId],
  );
  await tx.run('DELETE FROM rm_dashboard_indicators WHERE project_id = ?', [projectId]);
  for (const i of indicators) {
    await tx.run(
      `INSERT INTO rm_dashboard_indicators (project_id, indicator_id, comparator, start_target, status) VALUES (?, ?, ?, ?, 'no-reading')`,
      [projectId, i.indicatorId, i.comparator, i.target],
    );
  }
  await bump(
    tx,
    projectId,
    'indicators_total = indicators_total + ?, indicators_judged = indicators_judged - ?, indicators_on_track = indicators_on_track - ?',
    [indicators.length - Number(old?.n ?? 0), Number(old?.judged ?? 0), Number(old?.on_track ?? 0)],
  );
}
