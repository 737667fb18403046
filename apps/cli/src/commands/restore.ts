import {
  anchorsOf,
  checkedEvents,
  checkExport,
  describeProblem,
  ExportRefusedError,
  RestoreTargetNotEmptyError,
  verifyChains,
  type EventStore,
} from '@jixiao/event-store';
import { exportFileLines, newestSchemaVersion } from './export-file.js';
import { UsageError, type Output } from './output.js';

export interface RestoreReport {
  readonly ok: boolean;
  readonly restored: number;
}

/**
 * Restores an audit copy: an export into an EMPTY store, keeping each event's id,
 * stream, revision, position, recordedAt and hash, so the copy carries the source's
 * proof. Nothing is re-chained and nothing is clamped.
 *
 * 1. The store must be empty (RestoreTargetNotEmptyError otherwise).
 * 2. The whole file is checked first (verify --export): the first problem is printed with
 *    its line, stream and revision, and nothing is written.
 * 3. The restore is one transaction, fed by the same check again, so a file changed in
 *    between still writes nothing.
 * 4. The restored store is verified through the port, anchors included.
 */
export async function restoreExport(store: EventStore, file: string, out: Output): Promise<RestoreReport> {
  const head = await store.headPosition();
  if (head > 0) {
    throw new UsageError(`${new RestoreTargetNotEmptyError(head).message}. An audit copy goes into a new store; to merge stores, use merge (re-chains, loses the proof)`);
  }
  const lines = exportFileLines(file);
  const options = { newestSchemaVersion };
  const check = await checkExport(lines, options);
  if (check.problem) {
    out.line(`refused, nothing written: ${describeProblem(check.problem)}`);
    return { ok: false, restored: 0 };
  }
  const anchors = await anchorsOf(lines(), options);
  if (!Array.isArray(anchors)) throw new UsageError(`refused, nothing written: ${describeProblem(anchors)}`);
  let restored: number;
  try {
    restored = await store.restore(checkedEvents(lines(), anchors, options));
  } catch (error) {
    if (!(error instanceof ExportRefusedError)) throw error;
    out.line(`refused, nothing written: the file changed during the restore: ${error.message}`);
    return { ok: false, restored: 0 };
  }
  const verified = await verifyChains(store);
  out.line(`restored ${restored} event(s) in ${verified.streamsChecked} stream(s), up to position ${verified.headPosition}`);
  if (!verified.ok) {
    out.line(`but the restored store does not verify: ${verified.firstBreak!.reason}`);
    return { ok: false, restored };
  }
  out.line(`verified: ${verified.anchorsChecked} anchor(s) checked; digest ${verified.anchor!.digest}`);
  return { ok: true, restored };
}
