import { GRADES, type Comparator, type Grade, type IndicatorDefinition, type Likelihood, type ResultDecision } from '@jixiao/domain';
import type { StoredEvent } from '@jixiao/event-store';
import type { SqlExecutor, SqlValue } from '../../database/read-model-database.js';
import type { Projection } from '../../runner/projection.js';
import { indicatorLight, isJudged, isLaterOrSame, isOnTrack, legacyIndicatorStatus, statusOnReading, type IndicatorStatus } from '../indicator-status.js';
import { dataOf, eventYear, namedFiscalYear, projectIdOf } from '../project-events.js';

/**
 * The department dashboard 部门绩效看板: one row per department and fiscal year, kept up to
 * date by adding each event's change, so the query reads a few dozen rows however long
 * the log. Each event counts in the row of its own fiscal year (a continuing project
 * 延续性项目 counts in each year it lives, with that year's figures). Small side tables
 * remember what a later event needs to undo: a project's department, grade and result
 * decision per year, the level and year of each open deviation, each indicator's latest
 * status per year. The year-N results beside the year-N+1 allocations (cuts applied, caps,
 * exceptions) are `results-to-allocations.query.ts`'s, from the same rows.
 */
const projectYear = `project_id = ? AND fiscal_year = ${eventYear('rm_dashboard_projects')}`;
const inDashboardOf = `(fiscal_year, department) = (SELECT fiscal_year, department FROM rm_dashboard_projects WHERE ${projectYear})`;

/**
 * Adds to the counters of the project's department in a fiscal year: the one given, or
 * (null) the event's own (`eventFiscalYear`). `set` is a fixed SET clause, its values first.
 */
const bump = (tx: SqlExecutor, projectId: string, fiscalYear: number | null, set: string, values: readonly SqlValue[]) =>
  tx.run(`UPDATE rm_dashboard SET ${set} WHERE ${inDashboardOf}`, [...values, projectId, fiscalYear, projectId]);

/** The same, for a department-year already known (a key lookup, on the hot path of readings and lights). */
const bumpRow = (tx: SqlExecutor, row: { fiscal_year: number; department: string }, set: string, values: readonly SqlValue[]) =>
  tx.run(`UPDATE rm_dashboard SET ${set} WHERE fiscal_year = ? AND department = ?`, [...values, Number(row.fiscal_year), row.department]);

const gradeColumn = (grade: string): string => {
  if (!(GRADES as readonly string[]).includes(grade)) throw new Error(`Unknown grade ${grade}`);
  return `grade_${grade}`;
};

/** The result decision 结果应用 each result event records (the domain's RESULT_EVENT_TYPE, read backwards). */
const RESULT_EVENTS: Readonly<Record<string, ResultDecision>> = {
  ProjectPrioritised: 'prioritise',
  ProjectMaintained: 'maintain',
  ProjectSuspended: 'suspend',
  ProjectCancelled: 'cancel',
  ProjectReduced: 'reduce',
  ProjectUseAdjusted: 'adjust-use',
};
const decisionColumn = (decision: string): string => {
  if (!Object.values(RESULT_EVENTS).includes(decision as ResultDecision)) throw new Error(`Unknown result decision ${decision}`);
  return `decision_${decision.replace('-', '_')}`;
};

const counts = (status: IndicatorStatus) => ({ judged: isJudged(status) ? 1 : 0, onTrack: isOnTrack(status) ? 1 : 0 });

async function restatus(tx: SqlExecutor, row: IndicatorRow, before: IndicatorStatus, after: IndicatorStatus): Promise<void> {
  const a = counts(before);
  const b = counts(after);
  if (a.judged === b.judged && a.onTrack === b.onTrack) return;
  await bumpRow(tx, row, 'indicators_judged = indicators_judged + ?, indicators_on_track = indicators_on_track + ?', [b.judged - a.judged, b.onTrack - a.onTrack]);
}

interface IndicatorRow {
  comparator: Comparator;
  start_target: number | null;
  adjusted_target: number | null;
  latest_period: string | null;
  latest_value: number | null;
  latest_likelihood: Likelihood | null;
  latest_legacy: number;
  status: IndicatorStatus;
  fiscal_year: number;
  department: string;
}

/** An indicator of the project in the event's fiscal year, with the department-year it counts in. */
const indicatorOf = (tx: SqlExecutor, event: StoredEvent, indicatorId: string) =>
  tx.get<IndicatorRow>(
    `SELECT comparator, start_target, adjusted_target, latest_period, latest_value, latest_likelihood, latest_legacy, status, fiscal_year, department
     FROM rm_dashboard_indicators WHERE ${projectYear} AND indicator_id = ?`,
    [projectIdOf(event)!, namedFiscalYear(event), projectIdOf(event)!, indicatorId],
  );

export const dashboardProjection: Projection = {
  name: 'dashboard',
  // v2: a grade_low column for five-grade rulebooks (优/良/中/低/差); the runner rebuilds from zero.
  // v3: indicator statuses and open warnings from light events.
  // v4: each event in its own fiscal year (issue 17); result decisions, cuts decided, and the
  //     year's continuing allocations against their cut caps (PriorCutsApplied).
  version: 4,
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
       cuts INTEGER NOT NULL DEFAULT 0,
       open_yellow INTEGER NOT NULL DEFAULT 0,
       open_red INTEGER NOT NULL DEFAULT 0,
       grade_excellent INTEGER NOT NULL DEFAULT 0,
       grade_good INTEGER NOT NULL DEFAULT 0,
       grade_fair INTEGER NOT NULL DEFAULT 0,
       grade_low INTEGER NOT NULL DEFAULT 0,
       grade_poor INTEGER NOT NULL DEFAULT 0,
       decision_prioritise INTEGER NOT NULL DEFAULT 0,
       decision_maintain INTEGER NOT NULL DEFAULT 0,
       decision_suspend INTEGER NOT NULL DEFAULT 0,
       decision_cancel INTEGER NOT NULL DEFAULT 0,
       decision_reduce INTEGER NOT NULL DEFAULT 0,
       decision_adjust_use INTEGER NOT NULL DEFAULT 0,
       indicators_total INTEGER NOT NULL DEFAULT 0,
       indicators_judged INTEGER NOT NULL DEFAULT 0,
       indicators_on_track INTEGER NOT NULL DEFAULT 0,
       continuing INTEGER NOT NULL DEFAULT 0,
       continuing_allocated INTEGER NOT NULL DEFAULT 0,
       continuing_allocated_fen BIGINT NOT NULL DEFAULT 0,
       cap_fen BIGINT NOT NULL DEFAULT 0,
       cuts_applied_fen BIGINT NOT NULL DEFAULT 0,
       exceptions INTEGER NOT NULL DEFAULT 0,
       above_cap_fen BIGINT NOT NULL DEFAULT 0,
       PRIMARY KEY (fiscal_year, department)
     )`,
    `CREATE TABLE rm_dashboard_projects (
       project_id TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       department TEXT NOT NULL,
       grade TEXT,
       decision TEXT,
       PRIMARY KEY (project_id, fiscal_year)
     )`,
    `CREATE TABLE rm_dashboard_deviations (
       project_id TEXT NOT NULL,
       deviation_id TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       level TEXT NOT NULL,
       PRIMARY KEY (project_id, deviation_id)
     )`,
    `CREATE TABLE rm_dashboard_indicators (
       project_id TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       indicator_id TEXT NOT NULL,
       department TEXT NOT NULL,
       comparator TEXT NOT NULL,
       start_target DOUBLE PRECISION,
       adjusted_target DOUBLE PRECISION,
       latest_period TEXT,
       latest_value DOUBLE PRECISION,
       latest_likelihood TEXT,
       latest_legacy INTEGER NOT NULL DEFAULT 0,
       status TEXT NOT NULL,
       PRIMARY KEY (project_id, fiscal_year, indicator_id)
     )`,
  ],
  handlers: {
    ProjectProposed: async (event, tx) => {
      const d = dataOf<{ department: string; fiscalYear: number; requestedFen: number }>(event);
      await enterYear(tx, projectIdOf(event)!, d.department, namedFiscalYear(event) ?? d.fiscalYear, d.requestedFen, false);
    },
    // A continuing project enters its next year: counted there with that year's request and goals.
    CycleOpened: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const d = dataOf<{ requestedFen: number; indicators: IndicatorDefinition[] }>(event);
      const project = await tx.get<{ department: string }>('SELECT department FROM rm_dashboard_projects WHERE project_id = ? ORDER BY fiscal_year DESC LIMIT 1', [projectId]);
      if (!project) return;
      const year = namedFiscalYear(event)!;
      await enterYear(tx, projectId, project.department, year, d.requestedFen, true);
      await replaceIndicators(tx, { project_id: projectId, fiscal_year: year, department: project.department }, d.indicators);
    },
    PerformanceGoalSet: async (event, tx) => {
      const project = await projectYearOf(tx, event);
      if (!project) return;
      await replaceIndicators(tx, project, dataOf<{ indicators: IndicatorDefinition[] }>(event).indicators);
    },
    BudgetAllocated: async (event, tx) => {
      const { amountFen } = dataOf<{ amountFen: number }>(event);
      await bump(tx, projectIdOf(event)!, namedFiscalYear(event), 'allocated_fen = allocated_fen + ?, adjusted_budget_fen = adjusted_budget_fen + ?', [amountFen, amountFen]);
    },
    // The allocation of a following year, against the cap of the year before's cuts (削减后上限).
    PriorCutsApplied: async (event, tx) => {
      const d = dataOf<{ allocatedFen: number; capFen: number; cutTotalFen: number; exceptionReason: string | null }>(event);
      const above = d.exceptionReason !== null ? Math.max(0, d.allocatedFen - d.capFen) : 0;
      await bump(
        tx,
        projectIdOf(event)!,
        namedFiscalYear(event),
        `continuing_allocated = continuing_allocated + 1, continuing_allocated_fen = continuing_allocated_fen + ?, cap_fen = cap_fen + ?,
         cuts_applied_fen = cuts_applied_fen + ?, exceptions = exceptions + ?, above_cap_fen = above_cap_fen + ?`,
        [d.allocatedFen, d.capFen, d.cutTotalFen, d.exceptionReason !== null ? 1 : 0, above],
      );
    },
    BudgetAdjusted: async (event, tx) => {
      const d = dataOf<{ previousBudgetFen: number; adjustedBudgetFen: number }>(event);
      await bump(tx, projectIdOf(event)!, namedFiscalYear(event), 'adjusted_budget_fen = adjusted_budget_fen + ?', [d.adjustedBudgetFen - d.previousBudgetFen]);
    },
    ExpenditureRecorded: async (event, tx) => {
      const { amountFen } = dataOf<{ amountFen: number }>(event);
      await bump(tx, projectIdOf(event)!, namedFiscalYear(event), 'spent_fen = spent_fen + ?', [amountFen]);
    },
    BudgetCut: async (event, tx) => {
      const { amountFen } = dataOf<{ amountFen: number }>(event);
      await bump(tx, projectIdOf(event)!, namedFiscalYear(event), 'cut_fen = cut_fen + ?, cuts = cuts + 1', [amountFen]);
    },
    ...Object.fromEntries(Object.entries(RESULT_EVENTS).map(([type, decision]) => [type, (event: StoredEvent, tx: SqlExecutor) => countDecision(event, tx, decision)])),
    DeviationFlagged: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const d = dataOf<{ deviationId: string; level: 'yellow' | 'red' }>(event);
      await tx.run(`INSERT INTO rm_dashboard_deviations (project_id, deviation_id, fiscal_year, level) SELECT project_id, ?, fiscal_year, ? FROM rm_dashboard_projects WHERE ${projectYear}`, [
        d.deviationId,
        d.level,
        projectId,
        namedFiscalYear(event),
        projectId,
      ]);
      await bump(tx, projectId, namedFiscalYear(event), d.level === 'red' ? 'open_red = open_red + 1' : 'open_yellow = open_yellow + 1', []);
      await lightUp(event, tx);
    },
    DeviationResolved: async (event, tx) => closeDeviation(event, tx),
    DeviationCleared: async (event, tx) => {
      await closeDeviation(event, tx);
      await lightUp(event, tx);
    },
    DeviationRaised: async (event, tx) => {
      await moveLevel(event, tx, 'red');
      await lightUp(event, tx);
    },
    DeviationLowered: async (event, tx) => {
      await moveLevel(event, tx, 'yellow');
      await lightUp(event, tx);
    },
    LightAssessed: async (event, tx) => lightUp(event, tx),
    // The distribution counts each project once a year, by the grade of its latest evaluation that drives results that year.
    EvaluationScored: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const d = dataOf<{ drivesResults: boolean; grade: Grade }>(event);
      if (!d.drivesResults) return;
      const project = await tx.get<{ fiscal_year: number; grade: string | null }>(`SELECT fiscal_year, grade FROM rm_dashboard_projects WHERE ${projectYear}`, [
        projectId,
        namedFiscalYear(event),
        projectId,
      ]);
      if (!project) return;
      const year = Number(project.fiscal_year);
      await tx.run('UPDATE rm_dashboard_projects SET grade = ? WHERE project_id = ? AND fiscal_year = ?', [d.grade, projectId, year]);
      const to = gradeColumn(d.grade);
      if (project.grade === null) await bump(tx, projectId, year, `${to} = ${to} + 1`, []);
      else if (project.grade !== d.grade) {
        const from = gradeColumn(project.grade);
        await bump(tx, projectId, year, `${from} = ${from} - 1, ${to} = ${to} + 1`, []);
      }
    },
    TargetAdjusted: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const d = dataOf<{ indicatorId: string; adjustedTarget: number }>(event);
      const row = await indicatorOf(tx, event, d.indicatorId);
      if (!row) return;
      const year = Number(row.fiscal_year);
      // Only a legacy reading is judged here, as national-2020 v1 did; a new one's light event follows the adjustment.
      const legacy = Number(row.latest_legacy) === 1 && row.latest_period !== null;
      const latest = legacy ? { period: row.latest_period!, value: row.latest_value, likelihood: row.latest_likelihood } : null;
      const status = latest ? legacyIndicatorStatus(row.comparator, d.adjustedTarget, year, latest) : row.status;
      await tx.run('UPDATE rm_dashboard_indicators SET adjusted_target = ?, status = ? WHERE project_id = ? AND fiscal_year = ? AND indicator_id = ?', [
        d.adjustedTarget,
        status,
        projectId,
        year,
        d.indicatorId,
      ]);
      await restatus(tx, row, row.status, status);
    },
    MonitoringReadingRecorded: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const d = dataOf<{ indicatorId: string; period: string; value: number | null; likelihood: Likelihood | null; legacyLights?: unknown }>(event);
      const row = await indicatorOf(tx, event, d.indicatorId);
      if (!row || !isLaterOrSame(d.period, row.latest_period)) return;
      const year = Number(row.fiscal_year);
      const status = statusOnReading(row.comparator, row.adjusted_target ?? row.start_target, year, d);
      await tx.run(
        `UPDATE rm_dashboard_indicators SET latest_period = ?, latest_value = ?, latest_likelihood = ?, latest_legacy = ?, status = ?
         WHERE project_id = ? AND fiscal_year = ? AND indicator_id = ?`,
        [d.period, d.value, d.likelihood, d.legacyLights ? 1 : 0, status, projectId, year, d.indicatorId],
      );
      await restatus(tx, row, row.status, status);
    },
  },
};

interface ProjectYear {
  project_id: string;
  fiscal_year: number;
  department: string;
}

/** The project's row of the event's fiscal year; undefined for an unknown project. */
const projectYearOf = (tx: SqlExecutor, event: StoredEvent) =>
  tx.get<ProjectYear>(`SELECT project_id, fiscal_year, department FROM rm_dashboard_projects WHERE ${projectYear}`, [projectIdOf(event)!, namedFiscalYear(event), projectIdOf(event)!]);

/** A project enters a fiscal year (proposed, or continued into it): one more project and its request in that year's row. */
async function enterYear(tx: SqlExecutor, projectId: string, department: string, fiscalYear: number, requestedFen: number, continuing: boolean): Promise<void> {
  await tx.run('INSERT INTO rm_dashboard_projects (project_id, fiscal_year, department) VALUES (?, ?, ?)', [projectId, fiscalYear, department]);
  await tx.run(
    `INSERT INTO rm_dashboard (fiscal_year, department, projects, requested_fen, continuing) VALUES (?, ?, 1, ?, ?)
     ON CONFLICT (fiscal_year, department) DO UPDATE SET projects = rm_dashboard.projects + 1, requested_fen = rm_dashboard.requested_fen + excluded.requested_fen,
       continuing = rm_dashboard.continuing + excluded.continuing`,
    [fiscalYear, department, requestedFen, continuing ? 1 : 0],
  );
}

/** The year's result decision 结果应用: each project counts once a year, by its latest decision. */
async function countDecision(event: StoredEvent, tx: SqlExecutor, decision: ResultDecision): Promise<void> {
  const projectId = projectIdOf(event)!;
  const project = await tx.get<{ fiscal_year: number; decision: string | null }>(`SELECT fiscal_year, decision FROM rm_dashboard_projects WHERE ${projectYear}`, [
    projectId,
    namedFiscalYear(event),
    projectId,
  ]);
  if (!project || project.decision === decision) return;
  const year = Number(project.fiscal_year);
  await tx.run('UPDATE rm_dashboard_projects SET decision = ? WHERE project_id = ? AND fiscal_year = ?', [decision, projectId, year]);
  const to = decisionColumn(decision);
  if (project.decision === null) await bump(tx, projectId, year, `${to} = ${to} + 1`, []);
  else {
    const from = decisionColumn(project.decision);
    await bump(tx, projectId, year, `${from} = ${from} - 1, ${to} = ${to} + 1`, []);
  }
}

/** A warning no longer open (resolved by a person, or cleared by the data) leaves the open counts of its year. */
async function closeDeviation(event: StoredEvent, tx: SqlExecutor): Promise<void> {
  const projectId = projectIdOf(event)!;
  const { deviationId } = dataOf<{ deviationId: string }>(event);
  const open = await tx.get<{ level: string; fiscal_year: number }>('SELECT level, fiscal_year FROM rm_dashboard_deviations WHERE project_id = ? AND deviation_id = ?', [
    projectId,
    deviationId,
  ]);
  if (!open) return;
  await tx.run('DELETE FROM rm_dashboard_deviations WHERE project_id = ? AND deviation_id = ?', [projectId, deviationId]);
  await bump(tx, projectId, Number(open.fiscal_year), open.level === 'red' ? 'open_red = open_red - 1' : 'open_yellow = open_yellow - 1', []);
}

/** A raise or a lowering moves one open warning between the yellow and red counts of its year. */
async function moveLevel(event: StoredEvent, tx: SqlExecutor, to: 'yellow' | 'red'): Promise<void> {
  const projectId = projectIdOf(event)!;
  const { deviationId } = dataOf<{ deviationId: string }>(event);
  const open = await tx.get<{ level: string; fiscal_year: number }>('SELECT level, fiscal_year FROM rm_dashboard_deviations WHERE project_id = ? AND deviation_id = ?', [
    projectId,
    deviationId,
  ]);
  if (!open || open.level === to) return;
  await tx.run('UPDATE rm_dashboard_deviations SET level = ? WHERE project_id = ? AND deviation_id = ?', [to, projectId, deviationId]);
  await bump(tx, projectId, Number(open.fiscal_year), to === 'red' ? 'open_red = open_red + 1, open_yellow = open_yellow - 1' : 'open_yellow = open_yellow + 1, open_red = open_red - 1', []);
}

/** A light event sets the status of the indicator whose latest reading it lit; a legacy reading keeps its own. */
async function lightUp(event: StoredEvent, tx: SqlExecutor): Promise<void> {
  const lit = indicatorLight(event.data);
  if (!lit) return;
  const projectId = projectIdOf(event)!;
  const row = await indicatorOf(tx, event, lit.indicatorId);
  if (!row || Number(row.latest_legacy) === 1 || row.latest_period !== lit.period) return;
  const year = Number(row.fiscal_year);
  await tx.run('UPDATE rm_dashboard_indicators SET status = ? WHERE project_id = ? AND fiscal_year = ? AND indicator_id = ?', [lit.light, projectId, year, lit.indicatorId]);
  await restatus(tx, row, row.status, lit.light);
}

/** New or revised goals replace the year's indicators; that year's counters lose the old set and gain the new. */
async function replaceIndicators(tx: SqlExecutor, project: ProjectYear, indicators: readonly IndicatorDefinition[]): Promise<void> {
  const projectId = project.project_id;
  const fiscalYear = Number(project.fiscal_year);
  const old = await tx.get<{ n: number; judged: number | null; on_track: number | null }>(
    `SELECT COUNT(*) AS n, SUM(CASE WHEN status NOT IN ('no-reading', 'not-assessed') THEN 1 ELSE 0 END) AS judged,
            SUM(CASE WHEN status IN ('met', 'on-track', 'green', 'blue') THEN 1 ELSE 0 END) AS on_track
     FROM rm_dashboard_indicators WHERE project_id = ? AND fiscal_year = ?`,
    [projectId, fiscalYear],
  );
  await tx.run('DELETE FROM rm_dashboard_indicators WHERE project_id = ? AND fiscal_year = ?', [projectId, fiscalYear]);
  for (const i of indicators) {
    await tx.run(
      `INSERT INTO rm_dashboard_indicators (project_id, fiscal_year, indicator_id, department, comparator, start_target, status) VALUES (?, ?, ?, ?, ?, ?, 'no-reading')`,
      [projectId, fiscalYear, i.indicatorId, project.department, i.comparator, i.target],
    );
  }
  await bumpRow(
    tx,
    project,
    'indicators_total = indicators_total + ?, indicators_judged = indicators_judged - ?, indicators_on_track = indicators_on_track - ?',
    [indicators.length - Number(old?.n ?? 0), Number(old?.judged ?? 0), Number(old?.on_track ?? 0)],
  );
}
