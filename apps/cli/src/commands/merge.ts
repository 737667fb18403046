import { DuplicateEventIdError, type EventStore, type JsonObject, type NewEvent } from '@jixiao/event-store';
import { UsageError } from './output.js';

export interface MergeReport {
  /** Events written into the target store. */
  readonly imported: number;
  /** Events whose id the target stream already held: nothing written. */
  readonly alreadyPresent: number;
}

/** One NDJSON line of an export, checked before anything is written. */
interface ExportedEvent {
  readonly id: string;
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly recordedAt: string;
  readonly hash: string;
}

function parseLine(line: string, lineNo: number): ExportedEvent {
  let value: any;
  try {
    value = JSON.parse(line);
  } catch {
    throw new UsageError(`line ${lineNo}: not JSON`);
  }
  const ok =
    value && typeof value === 'object' &&
    typeof value.id === 'string' && typeof value.stream === 'string' && typeof value.type === 'string' &&
    Number.isInteger(value.revision) && value.revision >= 0 && Number.isInteger(value.position) &&
    Number.isInteger(value.schemaVersion) && typeof value.recordedAt === 'string' && typeof value.hash === 'string' &&
    value.data && typeof value.data === 'object' && value.metadata && typeof value.metadata === 'object';
  if (!ok) throw new UsageError(`line ${lineNo}: not an exported event (id, stream, revision, position, type, schemaVersion, data, metadata, recordedAt, hash)`);
  return value as ExportedEvent;
}

/**
 * The event as appended to the target: same id, type, version and data; the source's
 * recorded-at, position and hash kept under metadata.imported, since the target store
 * records its own time and so computes its own hash chain. An event imported before
 * keeps the first source's record.
 */
function toNewEvent(e: ExportedEvent): NewEvent {
  const imported = e.metadata['imported'] ?? { recordedAt: e.recordedAt, position: e.position, hash: e.hash };
  return { id: e.id, type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: { ...e.metadata, imported } };
}

/**
 * Merges an export into a store that may already hold events, RE-CHAINING them: each is
 * appended anew, so the target records its own time and computes its own hashes, and the
 * source's recordedAt, position and hash are only kept under metadata.imported. The
 * source's proof does not survive this, so it is for merging stores, never for audit
 * copies: those go through `restore`, which keeps every hash and checks it.
 *
 * Reads NDJSON lines and appends each event into its original stream with its original
 * id. Events that were one append in the source (same stream, consecutive revisions,
 * same recorded-at) are appended together again, each append expecting the revision
 * before it, so streams keep their order. Idempotent by event id: an append whose ids the
 * stream already holds writes nothing, so importing a file twice imports it once.
 */
export async function mergeRechained(store: EventStore, lines: AsyncIterable<string>, onProgress?: (done: number) => void): Promise<MergeReport> {
  let imported = 0;
  let alreadyPresent = 0;
  let group: ExportedEvent[] = [];

  const append = async (events: ExportedEvent[]) => {
    const first = events[0]!;
    const expected = first.revision === 0 ? 'no_stream' : first.revision - 1;
    try {
      const result = await store.append(first.stream, events.map(toNewEvent), expected);
      if (result.idempotent) alreadyPresent += events.length;
      else imported += events.length;
    } catch (error) {
      // Part of the group is present (a different grouping was imported before): one at a time.
      if (error instanceof DuplicateEventIdError && events.length > 1) {
        for (const event of events) await append([event]);
        return;
      }
      throw error;
    }
    onProgress?.(imported + alreadyPresent);
  };

  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    const line = raw.trim();
    if (line === '') continue;
    const event = parseLine(line, lineNo);
    const last = group.at(-1);
    if (last && (last.stream !== event.stream || last.revision + 1 !== event.revision || last.recordedAt !== event.recordedAt || group.length >= 500)) {
      await append(group);
      group = [];
    }
    group.push(event);
  }
  if (group.length > 0) await append(group);
  return { imported, alreadyPresent };
}
