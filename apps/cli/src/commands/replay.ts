import { fiscalYearAfter, projectStream, upcast } from '@jixiao/domain';
import { StreamNotFoundError, type EventStore } from '@jixiao/event-store';
import { eventLabel } from '@jixiao/application';
import { keyFacts, minute } from './format.js';
import { UsageError, type Output } from './output.js';

/**
 * A project's history across its whole life as a readable timeline, one line per event:
 * business time (UTC), revision, the label in zh-CN and en, the actor and the key facts.
 * Each later fiscal year starts under a line of its own; `fiscalYear` prints that year's
 * events only (the year of an event is the domain's fiscalYearAfter: recorded metadata,
 * else derived). Reads the stream lazily, so a long history prints as it is read.
 */
export async function replayTimeline(store: EventStore, projectId: string, out: Output, options: { fiscalYear?: number } = {}): Promise<number> {
  let count = 0;
  let read = 0;
  let year = 0;
  let printedYear: number | undefined;
  try {
    for await (const event of store.readStream(projectStream(projectId))) {
      if (read++ === 0) out.line(`project ${projectId} — times UTC (occurred at)${options.fiscalYear !== undefined ? ` — FY${options.fiscalYear} only` : ''}`);
      year = fiscalYearAfter(year, event);
      if (options.fiscalYear !== undefined && year !== options.fiscalYear) continue;
      if (printedYear !== undefined && year !== printedYear) out.line(`— FY${year} 预算年度 —`);
      printedYear = year;
      const current = upcast(event) as { type: string; data: Record<string, unknown> };
      const label = eventLabel(event.type);
      const actor = (event.metadata['actor'] as { id?: string } | undefined)?.id ?? '—';
      const facts = keyFacts(current.type, current.data);
      const when = minute(event.metadata['occurredAt'] ?? event.recordedAt);
      out.line(`${when}  #${event.revision}  ${label['zh-CN']} ${event.type}  ${actor}${facts ? `  ${facts}` : ''}`);
      count++;
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) throw new UsageError(`No project ${projectId}`);
    throw error;
  }
  out.line(`${count} event(s)`);
  return count;
}
