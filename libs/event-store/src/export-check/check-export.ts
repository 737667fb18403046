import type { Anchor } from '../hash-chain/anchor.js';
import { anchorStream } from '../hash-chain/anchor.js';
import { eventHash, genesisHash } from '../hash-chain/event-hash.js';
import type { StoredEvent } from '../port/event-store.js';
import { EventStoreError } from '../port/errors.js';
import { anchorFrom, ExportChecker, parseExportLine, type ExportCheckOptions, type ExportProblem } from './export-checker.js';

/** Opens the export's lines afresh each time it is called: the check reads the file twice. */
export type ExportLines = () => AsyncIterable<string>;

export interface ExportReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  /** Position of the export's last event. */
  readonly headPosition: number;
  readonly anchorsChecked: number;
  readonly problem?: ExportProblem;
  /** The digest of every stream head at headPosition, when sound: it equals the source's `verify` digest at that head. */
  readonly anchor?: Anchor;
}

/** A restore stopped at a problem in the file; nothing was written (the restore is one transaction). */
export class ExportRefusedError extends EventStoreError {
  readonly code = 'export-refused';
  constructor(readonly problem: ExportProblem) {
    super(describeProblem(problem));
  }
}

export function describeProblem(p: ExportProblem): string {
  const place = p.stream !== undefined && p.revision !== undefined ? `stream ${p.stream}, revision ${p.revision}, ` : '';
  return `line ${p.line}: ${place}${p.position !== undefined ? `position ${p.position}: ` : ''}${p.reason}`;
}

/**
 * First reading: the anchors the export holds. The anchors stream's own chain is checked
 * here, so an edited anchor is named at its line rather than taken as evidence.
 */
export async function anchorsOf(lines: AsyncIterable<string>, options: ExportCheckOptions = {}): Promise<Anchor[] | ExportProblem> {
  const anchors: Anchor[] = [];
  let previous: { revision: number; hash: string } | undefined;
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    const event = parseExportLine(text, options.limits);
    if (typeof event === 'string' || event.stream !== anchorStream) continue;
    const at = { line, stream: event.stream, revision: event.revision, position: event.position };
    if (event.revision !== (previous ? previous.revision + 1 : 0)) return { ...at, reason: 'the anchors stream skips or repeats a revision' };
    if (eventHash(previous?.hash ?? genesisHash, event) !== event.hash) {
      return { ...at, reason: 'hash does not match the anchor and its predecessor: the anchor was edited' };
    }
    previous = { revision: event.revision, hash: event.hash };
    const anchor = anchorFrom(event);
    if (anchor) anchors.push(anchor);
  }
  return anchors.sort((a, b) => a.position - b.position);
}

/**
 * Yields the export's events in file order, each checked by ExportChecker, and throws
 * ExportRefusedError at the first problem (or at the end, for anchors past the last
 * event). A restore that consumes it inside one transaction therefore writes nothing
 * from a file that fails, even one changed between a check and the restore.
 */
export async function* checkedEvents(lines: AsyncIterable<string>, anchors: readonly Anchor[], options: ExportCheckOptions = {}, onChecker?: (checker: ExportChecker) => void): AsyncGenerator<StoredEvent> {
  const checker = new ExportChecker(anchors, options);
  onChecker?.(checker);
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    const result = checker.check(text, line);
    if ('reason' in result) throw new ExportRefusedError(result);
    yield result;
  }
  const problem = checker.finish(line);
  if (problem) throw new ExportRefusedError(problem);
}

/** The offline check of an export (`verify --export`): reads it twice, writes nothing anywhere. */
export async function checkExport(open: ExportLines, options: ExportCheckOptions = {}): Promise<ExportReport> {
  const anchors = await anchorsOf(open(), options);
  if (!Array.isArray(anchors)) {
    return { ok: false, eventsChecked: 0, streamsChecked: 0, headPosition: 0, anchorsChecked: 0, problem: anchors };
  }
  let checker: ExportChecker | undefined;
  const report = (problem?: ExportProblem): ExportReport => ({
    ok: problem === undefined,
    eventsChecked: checker!.checked,
    streamsChecked: checker!.streams,
    headPosition: checker!.headPosition,
    anchorsChecked: checker!.anchorsChecked,
    ...(problem ? { problem } : { anchor: checker!.headAnchor() }),
  });
  try {
    for await (const _ of checkedEvents(open(), anchors, options, (c) => (checker = c))) {
      // Checked as they pass; nothing kept.
    }
  } catch (error) {
    if (error instanceof ExportRefusedError) return report(error.problem);
    throw error;
  }
  return report();
}
