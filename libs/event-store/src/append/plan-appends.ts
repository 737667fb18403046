import { eventHash, genesisHash } from '../hash-chain/event-hash.js';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../port/errors.js';
import type { AppendResult, ExpectedRevision, StoredEvent } from '../port/event-store.js';
import type { SerialisedEvent } from '../port/limits.js';

export interface AppendRequest {
  readonly stream: string;
  readonly events: readonly SerialisedEvent[];
  readonly expectedRevision: ExpectedRevision;
  /** Epoch ms after which the append stops waiting for a database lock (adapters that wait). */
  readonly lockDeadline?: number;
}

export interface StreamHead {
  readonly revision: number;
  readonly hash: string;
  /** The head event's recordedAt: the floor for the stream's next event. */
  readonly recordedAt: string;
}

export interface StoredIdentity {
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
}

/** What an adapter reads inside its write transaction before planning. */
export interface StoreSnapshot {
  readonly heads: Map<string, StreamHead>;
  /** Every event id of the batch that the store already holds. */
  readonly existingIds: Map<string, StoredIdentity>;
  readonly nextPosition: number;
  /** The writer's clock, ISO-8601 UTC. */
  readonly recordedAt: string;
  /**
   * recordedAt of the last event in the global log, where appends are serialised
   * (SQLite, PostgreSQL); left out where they are not (EventStoreDB).
   */
  readonly lastRecordedAt?: string;
}

/** A row to insert: the stored event plus the exact JSON text its data and metadata were given as. */
export interface PlannedRow {
  readonly event: StoredEvent;
  readonly dataJson: string;
  readonly metadataJson: string;
}

export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

export interface AppendPlan {
  readonly rows: PlannedRow[];
  /** One outcome per request, in request order. */
  readonly outcomes: AppendOutcome[];
}

/**
 * Decides a batch of appends against a snapshot taken inside one write transaction.
 * Deterministic: the same snapshot and requests always give the same rows, which is
 * what lets every adapter share group commit, idempotency and the hash chain. Requests
 * are applied in order, so two appends to one stream in a batch see each other.
 * It updates the snapshot's maps as it goes (they are built per batch by the adapter),
 * sparing a copy on the hot path of every durable append.
 */
export function planAppends(requests: readonly AppendRequest[], snapshot: StoreSnapshot): AppendPlan {
  const heads = snapshot.heads;
  const knownIds = snapshot.existingIds;
  const rows: PlannedRow[] = [];
  let nextPosition = snapshot.nextPosition;
  // Running floor of the global log: never below the last event stored or planned.
  let globalFloor = latestOf(snapshot.recordedAt, snapshot.lastRecordedAt);

  const outcomes = requests.map((request): AppendOutcome => {
    const head = heads.get(request.stream);
    const replay = findReplay(request, knownIds);
    if (replay instanceof Error) return { ok: false, error: replay };
    if (replay) return { ok: true, result: replay };

    const conflict = checkExpectedRevision(request.stream, request.expectedRevision, head?.revision);
    if (conflict) return { ok: false, error: conflict };

    let revision = head?.revision ?? -1;
    let hash = head?.hash ?? genesisHash;
    const recordedAt = latestOf(globalFloor, head?.recordedAt);
    globalFloor = recordedAt;
    for (const { event, data, metadata } of request.events) {
      revision++;
      const stored: StoredEvent = {
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: event.metadata,
        stream: request.stream,
        revision,
        position: nextPosition++,
        recordedAt,
        hash: '',
      };
      hash = eventHash(hash, stored);
      rows.push({ event: { ...stored, hash }, dataJson: data, metadataJson: metadata });
      knownIds.set(event.id, { stream: request.stream, revision, position: stored.position });
    }
    heads.set(request.stream, { revision, hash, recordedAt });
    return {
      ok: true,
      result: {
        stream: request.stream,
        nextExpectedRevision: revision,
        position: nextPosition - 1,
        idempotent: false,
      },
    };
  });
  return { rows, outcomes };
}

/**
 * The later of the writer's clock and a predecessor's recordedAt. A writer whose clock
 * lags (a second process, a clock stepped back) must not record an event as earlier
 * than the one it follows, or "as of" questions would contradict the history; so the
 * predecessor's exact text is reused, and recordedAt never decreases. Parsed rather
 * than compared as text, since a restored store may hold another ISO-8601 spelling.
 */
export function latestOf(clock: string, predecessor: string | undefined): string {
  if (predecessor === undefined) return clock;
  const before = Date.parse(predecessor);
  return Number.isNaN(before) || before <= Date.parse(clock) ? clock : predecessor;
}

/**
 * An append whose every event id the stream already holds is a retry: answer with
 * where those events sit and write nothing. Ids found elsewhere are a caller's error.
 */
function findReplay(
  request: AppendRequest,
  knownIds: ReadonlyMap<string, StoredIdentity>,
): AppendResult | Error | undefined {
  if (knownIds.size === 0 || !request.events.some(({ event }) => knownIds.has(event.id))) return undefined;
  const found = request.events.map(({ event }) => ({ id: event.id, stored: knownIds.get(event.id) }));
  const present = found.filter((f) => f.stored !== undefined);
  if (present.length === 0) return undefined;
  for (const { id, stored } of present) {
    if (stored!.stream !== request.stream) {
      return new DuplicateEventIdError(id, `already stored in stream "${stored!.stream}"`);
    }
  }
  if (present.length < found.length) {
    return new DuplicateEventIdError(
      present[0]!.id,
      'the append repeats only some events of an earlier append',
    );
  }
  const last = present.reduce((a, b) => (a.stored!.revision > b.stored!.revision ? a : b)).stored!;
  return {
    stream: request.stream,
    nextExpectedRevision: last.revision,
    position: last.position,
    idempotent: true,
  };
}

export function checkExpectedRevision(
  stream: string,
  expected: ExpectedRevision,
  actual: number | undefined,
): WrongExpectedRevisionError | undefined {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === undefined) ||
    (expected === 'stream_exists' && actual !== undefined) ||
    (typeof expected === 'number' && expected === actual);
  return ok ? undefined : new WrongExpectedRevisionError(stream, expected, actual);
}
