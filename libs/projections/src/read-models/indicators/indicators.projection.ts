import type { Comparator, IndicatorDefinition, Likelihood } from '@jixiao/domain';
import type { StoredEvent } from '@jixiao/event-store';
import type { SqlExecutor } from '../../database/read-model-database.js';
import type { Projection } from '../../runner/projection.js';
import { indicatorLight, isLaterOrSame, legacyIndicatorStatus, LIGHT_EVENTS, statusOnReading } from '../indicator-status.js';
import { dataOf, namedFiscalYear, projectIdOf } from '../project-events.js';

/**
 * Indicator progress 指标进度: one row per indicator of a project, with its start-of-year
 * target 年初目标, adjusted target 调整后目标, latest reading and its status: the light its
 * light events gave (not assessed until one does), or for a reading recorded before lights
 * were decided, national-2020 v1's status as before. The value expected by the clock
 * (序时进度) is the query's, since it moves daily. A continuing project 延续性项目 has one
 * set per fiscal year (its annual goals 年度目标); rm_indicator_projects holds the year in
 * force (moved on by CycleOpened), for events stored before they recorded their own year.
 */
interface IndicatorRow {
  comparator: Comparator;
  start_target: number | null;
  adjusted_target: number | null;
  latest_period: string | null;
  latest_value: number | null;
  latest_likelihood: Likelihood | null;
  latest_legacy: number;
  fiscal_year: number;
}

/** The event's fiscal year (two parameters: its own year, the project): else the project's year in force. */
const yearInForce = 'COALESCE(?, (SELECT fiscal_year FROM rm_indicator_projects WHERE project_id = ?))';

/** An indicator of the project in the event's fiscal year. */
const rowOf = (tx: SqlExecutor, event: StoredEvent, indicatorId: string) =>
  tx.get<IndicatorRow>(
    `SELECT comparator, start_target, adjusted_target, latest_period, latest_value, latest_likelihood, latest_legacy, fiscal_year
     FROM rm_indicators WHERE project_id = ? AND fiscal_year = ${yearInForce} AND indicator_id = ?`,
    [projectIdOf(event)!, namedFiscalYear(event), projectIdOf(event)!, indicatorId],
  );

export const indicatorsProjection: Projection = {
  name: 'indicators',
  // 2: statuses from light events; the latest reading's legacy marker.
  // 3: one indicator set per project and fiscal year (issue 17).
  version: 3,
  tables: ['rm_indicator_projects', 'rm_indicators'],
  schema: [
    `CREATE TABLE rm_indicator_projects (
       project_id TEXT PRIMARY KEY,
       department TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL
     )`,
    `CREATE TABLE rm_indicators (
       project_id TEXT NOT NULL,
       fiscal_year INTEGER NOT NULL,
       indicator_id TEXT NOT NULL,
       ordinal INTEGER NOT NULL,
       name TEXT NOT NULL,
       level TEXT NOT NULL,
       kind TEXT NOT NULL,
       comparator TEXT NOT NULL,
       unit TEXT,
       direction TEXT NOT NULL,
       weight DOUBLE PRECISION NOT NULL,
       start_target DOUBLE PRECISION,
       adjusted_target DOUBLE PRECISION,
       latest_reading_id TEXT,
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
      const d = dataOf<{ department: string; fiscalYear: number }>(event);
      await tx.run('INSERT INTO rm_indicator_projects (project_id, department, fiscal_year) VALUES (?, ?, ?)', [
        projectIdOf(event)!,
        d.department,
        namedFiscalYear(event) ?? d.fiscalYear,
      ]);
    },
    // The next year's annual goals come with the cycle; the year before keeps its indicators as they ended.
    CycleOpened: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const year = namedFiscalYear(event)!;
      await tx.run('UPDATE rm_indicator_projects SET fiscal_year = ? WHERE project_id = ?', [year, projectId]);
      await replaceIndicators(tx, projectId, year, dataOf<{ indicators: IndicatorDefinition[] }>(event).indicators);
    },
    // A revision of the goals replaces the year's whole indicator set: readings only start once goals are approved.
    PerformanceGoalSet: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const inForce = async () => (await tx.get<{ fiscal_year: number }>('SELECT fiscal_year FROM rm_indicator_projects WHERE project_id = ?', [projectId]))?.fiscal_year;
      const year = namedFiscalYear(event) ?? (await inForce());
      if (year === undefined) return;
      await replaceIndicators(tx, projectId, Number(year), dataOf<{ indicators: IndicatorDefinition[] }>(event).indicators);
    },
    TargetAdjusted: async (event, tx) => {
      const projectId = projectIdOf(event)!;
      const d = dataOf<{ indicatorId: string; adjustedTarget: number }>(event);
      const row = await rowOf(tx, event, d.indicatorId);
      if (!row) return;
      const year = Number(row.fiscal_year);
      await tx.run('UPDATE rm_indicators SET adjusted_target = ? WHERE project_id = ? AND fiscal_year = ? AND indicator_id = ?', [d.adjustedTarget, projectId, year, d.indicatorId]);
      // Only a legacy reading is judged here (as national-2020 v1 did); a new one's light event follows the adjustment.
      if (!Number(row.latest_legacy) || row.latest_period === null) return;
      const latest = { period: row.latest_period, value: row.latest_value, likelihood: row.latest_likelihood };
      const status = legacyIndicatorStatus(row.comparator, d.adjustedTarget, year, latest);
      await tx.run('UPDATE rm_indicators SET status = ? WHERE project_id = ? AND fiscal_year = ? AND indicator_id = ?', [status, projectId, year, d.indicatorId]);
    },
    MonitoringReadingRecorded: async (event, tx) => recordReading(event, tx),
    ...Object.fromEntries(LIGHT_EVENTS.map((type) => [type, lightUp])),
  },
};

/** A light event sets the status of the indicator whose latest reading it lit; a legacy reading keeps its own. */
async function lightUp(event: StoredEvent, tx: SqlExecutor): Promise<void> {
  const lit = indicatorLight(event.data);
  if (!lit) return;
  const projectId = projectIdOf(event)!;
  await tx.run(
    `UPDATE rm_indicators SET status = ?
     WHERE project_id = ? AND fiscal_year = ${yearInForce} AND indicator_id = ? AND latest_period = ? AND latest_legacy = 0`,
    [lit.light, projectId, namedFiscalYear(event), projectId, lit.indicatorId, lit.period],
  );
}

async function recordReading(event: StoredEvent, tx: SqlExecutor): Promise<void> {
  const projectId = projectIdOf(event)!;
  const d = dataOf<{ readingId: string; indicatorId: string; period: string; value: number | null; likelihood: Likelihood | null; legacyLights?: unknown }>(event);
  const row = await rowOf(tx, event, d.indicatorId);
  // An earlier period reported late does not replace the latest reading.
  if (!row || !isLaterOrSame(d.period, row.latest_period)) return;
  const year = Number(row.fiscal_year);
  const status = statusOnReading(row.comparator, row.adjusted_target ?? row.start_target, year, d);
  await tx.run(
    `UPDATE rm_indicators SET latest_reading_id = ?, latest_period = ?, latest_value = ?, latest_likelihood = ?, latest_legacy = ?, status = ?
     WHERE project_id = ? AND fiscal_year = ? AND indicator_id = ?`,
    [d.readingId, d.period, d.value, d.likelihood, d.legacyLights ? 1 : 0, status, projectId, year, d.indicatorId],
  );
}

/** The year's indicators, replaced by a new set (in its order). */
async function replaceIndicators(tx: SqlExecutor, projectId: string, fiscalYear: number, indicators: readonly IndicatorDefinition[]): Promise<void> {
  await tx.run('DELETE FROM rm_indicators WHERE project_id = ? AND fiscal_year = ?', [projectId, fiscalYear]);
  for (const [ordinal, i] of indicators.entries()) {
    await tx.run(
      `INSERT INTO rm_indicators (project_id, fiscal_year, indicator_id, ordinal, name, level, kind, comparator, unit, direction, weight, start_target, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'no-reading')`,
      [projectId, fiscalYear, i.indicatorId, ordinal, i.name, i.level, i.kind, i.comparator, i.unit, i.direction, i.weight, i.target],
    );
  }
}
