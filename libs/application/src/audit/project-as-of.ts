import { parseInstant, projectDecider, projectStream, upcast, type ProjectEvent, type ProjectState } from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';

/** What the auditor asks for: the state as of a recorded-at instant, or as of a stream revision. */
export type AsOf = { readonly asOf: string } | { readonly revision: number };

/** The state a project had when the system knew only the events folded into it. */
export interface ProjectAsOf {
  readonly projectId: string;
  readonly state: ProjectState;
  /** Revision of the last event folded. */
  readonly revision: number;
  /** Recorded-at of the last event folded. */
  readonly recordedAt: string;
  /** The stream's revision today, so a reader sees how much came after. */
  readonly headRevision: number;
}

export type ProjectAsOfResult =
  | { readonly kind: 'found'; readonly project: ProjectAsOf }
  /** The project has no stream at all. */
  | { readonly kind: 'unknown-project' }
  /** The project exists now but nothing of it had been recorded by then. */
  | { readonly kind: 'not-yet-known'; readonly firstRecordedAt: string }
  /** A revision the stream has not reached. */
  | { readonly kind: 'no-such-revision'; readonly headRevision: number };

/**
 * An ISO-8601 instant with a date, a time and a zone that exists on the calendar;
 * anything else is refused rather than guessed (2026-11-31 is not 1 December). The
 * domain's strict parser, shared by the api, the CLI and the rules.
 */
export function parseAsOf(value: string): number | undefined {
  return parseInstant(value);
}

/**
 * Folds a project's stream through upcast and evolve up to a point: every event
 * known at or before `asOf` (in revision order, by the running maximum of recordedAt),
 * or every event up to `revision`. The one place the
 * api's audit route and the CLI's `state` command compute "what the system knew then".
 * Reads the stream forward and stops at the first event past the point.
 */
export async function projectAsOf(store: EventStore, projectId: string, at: AsOf): Promise<ProjectAsOfResult> {
  const stream = projectStream(projectId);
  const headRevision = await store.streamRevision(stream);
  if (headRevision === undefined) return { kind: 'unknown-project' };
  const limitMs = 'asOf' in at ? parseAsOf(at.asOf) : undefined;
  if ('asOf' in at && limitMs === undefined) throw new RangeError(`"${at.asOf}" is not an ISO-8601 instant with a zone`);
  if ('revision' in at && (!Number.isInteger(at.revision) || at.revision < 0)) {
    throw new RangeError(`revision ${at.revision} is not a whole number ≥ 0`);
  }
  if ('revision' in at && at.revision > headRevision) return { kind: 'no-such-revision', headRevision };

  let state = projectDecider.initialState;
  let last: { revision: number; recordedAt: string } | undefined;
  let firstRecordedAt: string | undefined;
  // Known-since time: the running maximum of recordedAt in revision order. An event cannot
  // have been known before the one it follows, so a store written before recordedAt was
  // kept monotonic (two writers, one clock behind) still answers in step with its history.
  let knownSinceMs = Number.NEGATIVE_INFINITY;
  for await (const stored of store.readStream(stream)) {
    firstRecordedAt ??= stored.recordedAt;
    knownSinceMs = Math.max(knownSinceMs, Date.parse(stored.recordedAt));
    const past = 'revision' in at ? stored.revision > at.revision : knownSinceMs > limitMs!;
    if (past) break;
    state = projectDecider.evolve(state, upcast(stored) as ProjectEvent);
    last = { revision: stored.revision, recordedAt: stored.recordedAt };
  }
  if (!last) return { kind: 'not-yet-known', firstRecordedAt: firstRecordedAt! };
  return { kind: 'found', project: { projectId, state, revision: last.revision, recordedAt: last.recordedAt, headRevision } };
}
