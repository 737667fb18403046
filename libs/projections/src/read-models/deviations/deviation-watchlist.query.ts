import type { ReadModelDatabase, SqlValue } from '../../database/read-model-database.js';
import type { Page } from '../projects/project-list.query.js';

export interface DeviationFilter {
  /** `cleared`: the data recovered; `cleared-unexplained`: cleared and never explained (for oversight). */
  readonly status?: 'open' | 'explained' | 'resolved' | 'cleared' | 'cleared-unexplained';
  readonly severity?: 'yellow' | 'red';
  readonly department?: string;
  /** The fiscal year the deviation was flagged in. */
  readonly fiscalYear?: number;
  readonly limit: number;
  readonly offset: number;
}

export interface DeviationRow {
  readonly projectId: string;
  readonly deviationId: string;
  readonly department: string;
  readonly fiscalYear: number;
  readonly title: string;
  readonly subject: 'indicator' | 'budget';
  readonly indicatorId: string | null;
  readonly period: string | null;
  readonly severity: 'yellow' | 'red';
  readonly expected: number | null;
  readonly actual: number | null;
  readonly gap: number;
  readonly flaggedAt: string;
  /** Whole days since it was flagged, as of the clock. */
  readonly ageDays: number;
  /** Whole days from flagged to resolved; null while unresolved. */
  readonly daysOpen: number | null;
  readonly status: 'open' | 'explained' | 'resolved' | 'cleared';
  readonly escalated: boolean;
  readonly cause: string | null;
  readonly measures: string | null;
  readonly likelihood: string | null;
  readonly resolution: string | null;
  readonly resolvedAt: string | null;
}

const DAY_MS = 86_400_000;
const wholeDays = (from: string, to: number) => Math.max(0, Math.floor((to - Date.parse(from)) / DAY_MS));

/** The watchlist: red before yellow, then oldest first (flagged earliest = greatest age), paged. */
export async function deviationWatchlist(db: ReadModelDatabase, filter: DeviationFilter, now: Date): Promise<Page<DeviationRow>> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.status === 'cleared-unexplained') where.push(`status = 'cleared' AND cause IS NULL`);
  else if (filter.status !== undefined) (where.push('status = ?'), params.push(filter.status));
  if (filter.severity !== undefined) (where.push('level = ?'), params.push(filter.severity));
  if (filter.department !== undefined) (where.push('department = ?'), params.push(filter.department));
  if (filter.fiscalYear !== undefined) (where.push('fiscal_year = ?'), params.push(filter.fiscalYear));
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM rm_deviations ${clause}`, params);
  const rows = await db.all<Record<string, never>>(
    `SELECT * FROM rm_deviations ${clause}
     ORDER BY CASE level WHEN 'red' THEN 0 ELSE 1 END, flagged_at, project_id, deviation_id LIMIT ? OFFSET ?`,
    [...params, filter.limit, filter.offset],
  );
  const at = now.getTime();
  const items = rows.map((r: Record<string, any>): DeviationRow => ({
    projectId: r.project_id,
    deviationId: r.deviation_id,
    department: r.department,
    fiscalYear: Number(r.fiscal_year),
    title: r.title,
    subject: r.subject_kind,
    indicatorId: r.indicator_id,
    period: r.period,
    severity: r.level,
    expected: r.expected,
    actual: r.actual,
    gap: Number(r.gap),
    flaggedAt: r.flagged_at,
    ageDays: wholeDays(r.flagged_at, at),
    daysOpen: r.resolved_at ? wholeDays(r.flagged_at, Date.parse(r.resolved_at)) : null,
    status: r.status,
    escalated: Boolean(Number(r.escalated)),
    cause: r.cause,
    measures: r.measures,
    likelihood: r.likelihood,
    resolution: r.resolution,
    resolvedAt: r.resolved_at,
  }));
  return { items, total: Number(total?.n ?? 0), limit: filter.limit, offset: filter.offset };
}
