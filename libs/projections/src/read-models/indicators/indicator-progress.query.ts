import { timeProgressAt, type Comparator } from '@jixiao/domain';
import type { ReadModelDatabase } from '../../database/read-model-database.js';
import type { IndicatorStatus } from '../indicator-status.js';

export interface IndicatorProgressRow {
  readonly indicatorId: string;
  readonly name: string;
  readonly level: string;
  readonly kind: string;
  readonly comparator: Comparator;
  readonly unit: string | null;
  readonly direction: string;
  readonly weight: number;
  readonly startOfYearTarget: number | null;
  readonly adjustedTarget: number | null;
  readonly latestReading: { readingId: string; period: string; value: number | null; likelihood: string | null } | null;
  /** What the indicator should show by the clock: target × 序时进度 (a ceiling holds all year); null when qualitative. */
  readonly expectedNow: number | null;
  readonly status: IndicatorStatus;
}

export interface IndicatorProgress {
  readonly projectId: string;
  readonly department: string;
  readonly fiscalYear: number;
  readonly asOf: string;
  /** Time-proportional progress 序时进度 of the fiscal year at `asOf`, 0–1. */
  readonly timeProgress: number;
  readonly indicators: IndicatorProgressRow[];
}

interface Row {
  indicator_id: string; name: string; level: string; kind: string; comparator: Comparator; unit: string | null; direction: string;
  weight: number; start_target: number | null; adjusted_target: number | null; latest_reading_id: string | null;
  latest_period: string | null; latest_value: number | null; latest_likelihood: string | null; status: IndicatorStatus;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

function expectedBy(comparator: Comparator, target: number | null, progress: number): number | null {
  if (comparator === 'qualitative' || target === null) return null;
  return comparator === '<' || comparator === '<=' ? target : round(target * progress);
}

/**
 * Indicator progress of one project as of `now`, in one fiscal year: the one asked for, or
 * the year in force. A continuing project 延续性项目 has each year's annual goals; a year it
 * did not live has no indicators (an empty list). undefined when the project is unknown.
 */
export async function indicatorProgress(db: ReadModelDatabase, projectId: string, now: Date, fiscalYear?: number): Promise<IndicatorProgress | undefined> {
  const project = await db.get<{ department: string; fiscal_year: number }>('SELECT department, fiscal_year FROM rm_indicator_projects WHERE project_id = ?', [projectId]);
  if (!project) return undefined;
  const year = fiscalYear ?? Number(project.fiscal_year);
  const progress = timeProgressAt(now.getTime(), year);
  const rows = await db.all<Row>('SELECT * FROM rm_indicators WHERE project_id = ? AND fiscal_year = ? ORDER BY ordinal', [projectId, year]);
  return {
    projectId,
    department: project.department,
    fiscalYear: year,
    asOf: now.toISOString(),
    timeProgress: round(progress),
    indicators: rows.map((r) => {
      const target = r.adjusted_target ?? r.start_target;
      return {
        indicatorId: r.indicator_id,
        name: r.name,
        level: r.level,
        kind: r.kind,
        comparator: r.comparator,
        unit: r.unit,
        direction: r.direction,
        weight: Number(r.weight),
        startOfYearTarget: r.start_target,
        adjustedTarget: r.adjusted_target,
        latestReading: r.latest_period === null ? null : { readingId: r.latest_reading_id!, period: r.latest_period, value: r.latest_value, likelihood: r.latest_likelihood },
        expectedNow: expectedBy(r.comparator, target, progress),
        status: r.status,
      };
    }),
  };
}
