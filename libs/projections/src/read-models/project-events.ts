import { fiscalYearAfter } from '@jixiao/domain';
import type { StoredEvent } from '@jixiao/event-store';
import type { SqlExecutor, SqlValue } from '../database/read-model-database.js';

const prefix = 'project-';

/** A budget project's id from its stream name ("project-<id>"); undefined for other streams. */
export function projectIdOf(event: StoredEvent): string | undefined {
  return event.stream.startsWith(prefix) ? event.stream.slice(prefix.length) : undefined;
}

/** The event's data, typed by the caller: handlers know the shape of the type they handle. */
export const dataOf = <T>(event: StoredEvent): T => event.data as unknown as T;

/**
 * The fiscal year 预算年度 an event names itself, by the domain's rule (`fiscalYearAfter`):
 * its metadata's `fiscalYear` (recorded on every project event since issue 17), else the
 * year a ProjectProposed or CycleOpened names. null for an event stored before that, which
 * belongs to the year in force: each read model keeps that year in its own tables (moved on
 * by CycleOpened) and reads it in the same statement — `eventYear`, or COALESCE(?, fiscal_year)
 * over a table holding it — so a handler needs no extra round trip.
 */
export const namedFiscalYear = (event: StoredEvent): number | null => {
  const year = fiscalYearAfter(Number.NaN, event);
  return Number.isNaN(year) ? null : year;
};

/**
 * SQL for the fiscal year of a project event, taking the two parameters `eventYearParams`
 * gives: the year it names, else the year in force, the latest year `table` holds for the
 * project (years only grow: CycleOpened opens the next one). `table` has `project_id` and
 * `fiscal_year` columns and is a fixed name, never input.
 */
export const eventYear = (table: string): string => `COALESCE(?, (SELECT MAX(fiscal_year) FROM ${table} WHERE project_id = ?))`;

export const eventYearParams = (event: StoredEvent): SqlValue[] => [namedFiscalYear(event), projectIdOf(event)!];

/**
 * The two handlers of a read model's own project table (`project_id`, `department`,
 * `fiscal_year`, `title`; a fixed name, never input): ProjectProposed adds the project in its
 * first year, and CycleOpened moves it to the year in force.
 */
export const projectTableHandlers = (table: string) => ({
  ProjectProposed: async (event: StoredEvent, tx: SqlExecutor) => {
    const d = dataOf<{ department: string; fiscalYear: number; title: string }>(event);
    await tx.run(`INSERT INTO ${table} (project_id, department, fiscal_year, title) VALUES (?, ?, ?, ?)`, [
      projectIdOf(event)!,
      d.department,
      namedFiscalYear(event) ?? d.fiscalYear,
      d.title,
    ]);
  },
  CycleOpened: async (event: StoredEvent, tx: SqlExecutor) => {
    await tx.run(`UPDATE ${table} SET fiscal_year = ? WHERE project_id = ?`, [namedFiscalYear(event)!, projectIdOf(event)!]);
  },
});
