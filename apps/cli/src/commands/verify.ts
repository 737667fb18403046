import { recordAnchor, verifyLog, type EventStore, type LogVerificationReport } from '@jixiao/event-store';
import type { Output } from './output.js';
import { progressBar } from './progress.js';

export interface VerifyOptions {
  /** Draw a progress bar on stderr; main turns it on only when stderr is a TTY, so logs stay clean. */
  readonly progress?: boolean;
  /** Record the anchor of an intact store, so a later verification can tell if events were cut off. */
  readonly recordAnchor?: boolean;
  readonly clock?: () => Date;
}

/** Walks every hash chain, then the Merkle tree, and prints the report; the caller exits 1 when `ok` is false. */
export async function verify(store: EventStore, out: Output, options: VerifyOptions = {}): Promise<LogVerificationReport> {
  const bar = progressBar(options.progress, 'verifying');
  const report = await verifyLog(store, { progressEvery: 1_000, onProgress: (position, head) => bar.update(position, head) });
  bar.stop();

  out.line(`events checked: ${report.eventsChecked}`);
  out.line(`streams:        ${report.streamsChecked}`);
  out.line(`head position:  ${report.headPosition}`);
  out.line(`anchors:        ${report.anchorsChecked} checked`);
  if (report.firstBreak) {
    const b = report.firstBreak;
    out.line('chain BROKEN at');
    out.line(`  position: ${b.position}`);
    out.line(`  stream:   ${b.stream}`);
    out.line(`  revision: ${b.revision}`);
    out.line(`  reason:   ${b.reason}`);
  } else if (report.tree && !report.tree.ok) {
    const b = report.tree.firstBreak!;
    out.line('all hash chains intact');
    out.line('Merkle tree BROKEN at');
    out.line(`  leaf:     ${b.leafIndex}${b.position !== undefined ? ` (position ${b.position})` : ''}`);
    out.line(`  reason:   ${b.reason}`);
  } else {
    out.line('all hash chains intact');
    if (report.tree) out.line(`Merkle tree:    intact, ${report.tree.treeSize} leaves, ${report.tree.hashAlgorithm} root ${report.tree.rootHash}`);
    const anchor = report.anchor!;
    out.line(`anchor digest:  ${anchor.digest} (${anchor.streams} streams at position ${anchor.position}); keep it in your working papers`);
    if (options.recordAnchor) {
      await recordAnchor(store, anchor, 'cli:verify', (options.clock ?? (() => new Date()))().toISOString());
      out.line('anchor recorded');
    }
  }
  return report;
}
