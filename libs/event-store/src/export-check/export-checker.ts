import { anchorOf, anchorStream, type Anchor } from '../hash-chain/anchor.js';
import { eventHash, genesisHash } from '../hash-chain/event-hash.js';
import type { StoredEvent } from '../port/event-store.js';
import { assertValidStreamName, defaultLimits, type StoreLimits } from '../port/limits.js';

/** Where an export stops being trustworthy: the line, and the event's place when known. */
export interface ExportProblem {
  /** 1-based line number in the NDJSON file. */
  readonly line: number;
  readonly stream?: string;
  readonly revision?: number;
  readonly position?: number;
  readonly reason: string;
}

export interface ExportCheckOptions {
  /**
   * The newest schema version this code can read for an event type, or undefined for a
   * type it does not know (not judged). An event newer than the code is refused: its
   * meaning cannot be read, and a store holding it could not be replayed.
   */
  readonly newestSchemaVersion?: (type: string) => number | undefined;
  readonly limits?: StoreLimits;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const typePattern = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One NDJSON line of an export as a stored event, or the reason it is not one. */
export function parseExportLine(text: string, limits: StoreLimits = defaultLimits): StoredEvent | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!isObject(json)) return 'not a JSON object';
  const v = json as any;
  if (typeof v.id !== 'string' || !uuidPattern.test(v.id)) return 'id is not a UUID';
  if (typeof v.stream !== 'string') return 'stream is missing';
  try {
    assertValidStreamName(v.stream, limits);
  } catch (error) {
    return (error as Error).message;
  }
  if (!Number.isSafeInteger(v.revision) || v.revision < 0) return 'revision is not a whole number ≥ 0';
  if (!Number.isSafeInteger(v.position) || v.position < 1) return 'position is not a whole number ≥ 1';
  if (typeof v.type !== 'string' || !typePattern.test(v.type)) return 'type is not a valid event type name';
  if (!Number.isSafeInteger(v.schemaVersion) || v.schemaVersion < 1) return 'schemaVersion is not a whole number ≥ 1';
  if (!isObject(v.data) || !isObject(v.metadata)) return 'data and metadata must be JSON objects';
  if (typeof v.recordedAt !== 'string' || Number.isNaN(Date.parse(v.recordedAt))) return 'recordedAt is not an ISO-8601 instant';
  if (typeof v.hash !== 'string' || !/^[0-9a-f]{64}$/.test(v.hash)) return 'hash is not 64 hex digits';
  const { id, stream, revision, position, type, schemaVersion, data, metadata, recordedAt, hash } = v;
  return { id, stream, revision, position, type, schemaVersion, data, metadata, recordedAt, hash };
}

/** The anchor an AnchorRecorded event carries, or undefined when the event is not a well-formed one. */
export function anchorFrom(event: StoredEvent): Anchor | undefined {
  if (event.stream !== anchorStream || event.type !== 'AnchorRecorded') return undefined;
  const { position, streams, digest } = event.data as Record<string, unknown>;
  if (!Number.isSafeInteger(position) || !Number.isSafeInteger(streams) || typeof digest !== 'string') return undefined;
  return { position: position as number, streams: streams as number, digest };
}

/**
 * Checks an export line by line, in file order, with no I/O: a pure fold that the
 * offline `verify --export` and the checked restore share.
 *
 * For each line: it parses as a stored event with every field; its position is above
 * the line before (global order); its revision follows its stream's last (a stream
 * starts at 0, none is skipped or repeated); its hash is recomputed from the canonical
 * bytes and the stream's previous hash; its id has not been seen before; its schema
 * version is not newer than the code. Before an event at position q, every anchor
 * recorded for a position below q is recomputed from the stream heads and compared.
 * The anchors come from a first reading of the file (`anchors`), since an anchor is
 * recorded after the position it seals.
 */
export class ExportChecker {
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private readonly ids = new Set<string>();
  private lastPosition = 0;
  private next = 0;
  /** Events checked and found sound. */
  checked = 0;
  /** Anchors recomputed and matched. */
  anchorsChecked = 0;

  constructor(
    /** Every anchor the export holds, oldest position first. */
    private readonly anchors: readonly Anchor[],
    private readonly options: ExportCheckOptions = {},
  ) {}

  /** Checks one line; the event when it is sound, or the first problem. Blank lines are skipped by the caller. */
  check(text: string, line: number): StoredEvent | ExportProblem {
    const parsed = parseExportLine(text, this.options.limits);
    if (typeof parsed === 'string') return { line, reason: parsed };
    const event = parsed;
    const at = { line, stream: event.stream, revision: event.revision, position: event.position };
    if (event.position <= this.lastPosition) {
      return { ...at, reason: `position ${event.position} does not follow ${this.lastPosition}: lines are out of global order or repeated` };
    }
    const anchorProblem = this.checkAnchorsBelow(event.position, line);
    if (anchorProblem) return anchorProblem;
    const previous = this.heads.get(event.stream);
    const expected = previous ? previous.revision + 1 : 0;
    if (event.revision !== expected) {
      return {
        ...at,
        reason: previous
          ? `revision ${event.revision} follows revision ${previous.revision}: revisions are missing or repeated`
          : `the stream starts at revision ${event.revision}, not 0: its first events are missing`,
      };
    }
    if (eventHash(previous?.hash ?? genesisHash, event) !== event.hash) {
      return { ...at, reason: 'hash does not match the event and its predecessor: the event was edited, or one before it' };
    }
    if (this.ids.has(event.id)) return { ...at, reason: `event id ${event.id} appears twice` };
    const newest = this.options.newestSchemaVersion?.(event.type);
    if (newest !== undefined && event.schemaVersion > newest) {
      return { ...at, reason: `${event.type} has schema version ${event.schemaVersion}; this code reads up to ${newest}: upgrade before restoring` };
    }
    this.ids.add(event.id);
    this.heads.set(event.stream, { revision: event.revision, hash: event.hash });
    this.lastPosition = event.position;
    this.checked++;
    return event;
  }

  /** After the last line: anchors not yet passed must seal exactly the export's end. */
  finish(line: number): ExportProblem | undefined {
    const problem = this.checkAnchorsBelow(this.lastPosition + 1, line);
    if (problem) return problem;
    if (this.next < this.anchors.length) {
      const anchor = this.anchors[this.next]!;
      return {
        line,
        position: anchor.position,
        reason: `an anchor was recorded at position ${anchor.position}, beyond the export's last event (${this.lastPosition}): events were cut off the end`,
      };
    }
    return undefined;
  }

  /** The digest of every stream head at the export's last event: compare it with the source's `verify`. */
  headAnchor(): Anchor {
    return anchorOf(this.heads, this.lastPosition);
  }

  get streams(): number {
    return this.heads.size;
  }

  get headPosition(): number {
    return this.lastPosition;
  }

  private checkAnchorsBelow(position: number, line: number): ExportProblem | undefined {
    while (this.next < this.anchors.length && this.anchors[this.next]!.position < position) {
      const anchor = this.anchors[this.next]!;
      const now = anchorOf(this.heads, anchor.position);
      if (now.digest !== anchor.digest) {
        return {
          line,
          position: anchor.position,
          stream: '(all streams)',
          reason:
            `the anchor recorded at position ${anchor.position} (${anchor.streams} streams) does not match the export: ` +
            `${now.streams} streams digest to ${now.digest.slice(0, 12)}…, not ${anchor.digest.slice(0, 12)}…; ` +
            'events before it were removed, added or rewritten',
        };
      }
      this.next++;
      this.anchorsChecked++;
    }
    return undefined;
  }
}
