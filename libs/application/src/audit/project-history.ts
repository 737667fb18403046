import { fiscalYearAfter, projectStream } from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';
import { auditRecord, type AuditRecord } from './audit-record.js';

/** One event of a project's history with the fiscal year 预算年度 it belongs to. */
export interface YearedAuditRecord extends AuditRecord {
  /** metadata.fiscalYear when recorded; for an event stored before years were recorded, derived by the domain (fiscalYearAfter). */
  readonly fiscalYear: number;
}

/** A page of a project's history, by stream revision. */
export interface ProjectHistoryPage {
  readonly projectId: string;
  readonly stream: string;
  readonly headRevision: number;
  /** The year the page is scoped to, or null for the whole life. */
  readonly fiscalYear: number | null;
  readonly events: YearedAuditRecord[];
  /** First revision of the next page (of the year, when scoped), or null when nothing further matches. */
  readonly nextRevision: number | null;
}

export interface ProjectHistoryQuery {
  /** First stream revision to read (≥ 0). */
  readonly fromRevision: number;
  /** Most events in the page (≥ 1). */
  readonly limit: number;
  /** Only the events of this fiscal year. */
  readonly fiscalYear?: number;
}

/** Marks "the year in force before" as unknown: an event that leaves it so does not name its own year. */
const UNKNOWN_YEAR = Number.NaN;

/**
 * A project's history across its whole life, a page at a time, each event with its
 * fiscal year; with `fiscalYear`, only that year's events (the page then skips the other
 * years' revisions, and `nextRevision` is the next event of that year). undefined when the
 * project has no stream.
 *
 * The year of an event is the domain's (fiscalYearAfter): its recorded metadata, else the
 * year a ProjectProposed or CycleOpened names, else the year before it. So a page that starts
 * mid-stream on an event that does not name its year reads the revisions before it once, to
 * learn the year in force there; events written since years are recorded never need it.
 */
export async function projectHistory(store: EventStore, projectId: string, query: ProjectHistoryQuery): Promise<ProjectHistoryPage | undefined> {
  const stream = projectStream(projectId);
  const headRevision = await store.streamRevision(stream);
  if (headRevision === undefined) return undefined;
  const scoped = query.fiscalYear !== undefined;
  const events: YearedAuditRecord[] = [];
  let nextRevision: number | null = null;
  if (query.fromRevision <= headRevision) {
    let year = UNKNOWN_YEAR;
    // Scoped, the other years' events are skipped, so the read is not bounded by the page size.
    const read = store.readStream(stream, { fromRevision: query.fromRevision, ...(scoped ? {} : { maxCount: query.limit }) });
    for await (const event of read) {
      year = fiscalYearAfter(year, event);
      if (Number.isNaN(year)) year = fiscalYearAfter(await yearBefore(store, stream, event.revision), event);
      if (scoped && year !== query.fiscalYear) continue;
      if (events.length === query.limit) {
        nextRevision = event.revision;
        break;
      }
      events.push({ ...auditRecord(event), fiscalYear: year });
    }
    const last = events.at(-1)?.revision;
    if (!scoped && last !== undefined && last < headRevision) nextRevision = last + 1;
  }
  return { projectId, stream, headRevision, fiscalYear: query.fiscalYear ?? null, events, nextRevision };
}

/** The fiscal year in force after the events before `revision`, folded by the domain's fiscalYearAfter. */
async function yearBefore(store: EventStore, stream: string, revision: number): Promise<number> {
  let year = 0;
  if (revision === 0) return year;
  for await (const event of store.readStream(stream, { maxCount: revision })) year = fiscalYearAfter(year, event);
  return year;
}
