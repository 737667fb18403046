import { withFiscalYears, type Rulebook } from '@jixiao/domain';
import type { EventStore, StoredEvent } from '@jixiao/event-store';
import { whatIf, type Difference, type WhatIfReport } from '@jixiao/workflow';

/** The report's lists of differences; each is narrowed alike. */
const DIFFERENCE_FIELDS = ['flags', 'lights', 'grades', 'cuts', 'results', 'accountability'] as const;

/** What-if of one fiscal year: the report of the years through it, less what the years before already differed by. */
export type WhatIfYearReport = WhatIfReport & { readonly fiscalYear: number };

const timeOf = (e: StoredEvent) => (e.metadata['occurredAt'] as string | undefined) ?? e.recordedAt;
const same = <T>(a: Difference<T>, b: Difference<T>) => a.key === b.key && JSON.stringify([a.actual, a.whatIf]) === JSON.stringify([b.actual, b.whatIf]);

/**
 * What-if narrowed to one fiscal year 预算年度, from the replay of the events passed to it
 * (the replay takes no year of its own here). A year cannot be replayed alone — its cap
 * and carried-over cuts come from the year before — so the events of the years through
 * `fiscalYear` are replayed, with timers run until the next year opened (or `asOf`), and
 * the same is done through the year before; the year's differences are those the first
 * report has and the second has not (new, or changed during the year). Each event's year is
 * the domain's (withFiscalYears: recorded metadata, else derived).
 *
 * undefined when the project did not live that year.
 */
export function whatIfYear(projectId: string, history: readonly StoredEvent[], rulebook: Rulebook, asOf: string, fiscalYear: number): WhatIfYearReport | undefined {
  const yeared = withFiscalYears(history);
  if (!yeared.some((y) => y.fiscalYear === fiscalYear)) return undefined;
  const through = (year: number) => yeared.filter((y) => y.fiscalYear <= year).map((y) => y.event);
  /** When the year after `year` opened (its first event), or asOf: timers due later belong to that year. */
  const endOf = (year: number) => {
    const next = yeared.find((y) => y.fiscalYear > year);
    return next && Date.parse(timeOf(next.event)) < Date.parse(asOf) ? timeOf(next.event) : asOf;
  };
  const report = whatIf(projectId, through(fiscalYear), rulebook, endOf(fiscalYear));
  const earlier = through(fiscalYear - 1);
  const before = earlier.length > 0 ? whatIf(projectId, earlier, rulebook, endOf(fiscalYear - 1)) : undefined;
  const narrowed = Object.fromEntries(
    DIFFERENCE_FIELDS.map((field) => {
      const known = (before?.[field] ?? []) as Difference<unknown>[];
      return [field, (report[field] as Difference<unknown>[]).filter((d) => !known.some((k) => same(d, k)))];
    }),
  ) as Pick<WhatIfReport, (typeof DIFFERENCE_FIELDS)[number]>;
  return { ...report, ...narrowed, fiscalYear, identical: DIFFERENCE_FIELDS.every((field) => narrowed[field].length === 0) };
}

/** Reads a project's stream and runs whatIfYear over it. */
export async function whatIfProjectYear(store: EventStore, projectId: string, rulebook: Rulebook, asOf: string, fiscalYear: number): Promise<WhatIfYearReport | undefined> {
  const history: StoredEvent[] = [];
  for await (const event of store.readStream(`project-${projectId}`)) history.push(event);
  return whatIfYear(projectId, history, rulebook, asOf, fiscalYear);
}

/** Every project a department proposed that lived `fiscalYear`, each narrowed to it. */
export async function whatIfDepartmentYear(store: EventStore, department: string, rulebook: Rulebook, asOf: string, fiscalYear: number): Promise<WhatIfYearReport[]> {
  const projects: string[] = [];
  for await (const event of store.readAll({ batchSize: 5000 })) {
    if (event.type === 'ProjectProposed' && event.data['department'] === department) projects.push(event.stream.slice('project-'.length));
  }
  const reports: WhatIfYearReport[] = [];
  for (const projectId of projects) {
    const report = await whatIfProjectYear(store, projectId, rulebook, asOf, fiscalYear);
    if (report) reports.push(report);
  }
  return reports;
}
