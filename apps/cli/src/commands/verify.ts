import { verifyChains, type EventStore, type VerificationReport } from '@jixiao/event-store';
import type { Output } from './output.js';
import { progressBar } from './progress.js';

export interface VerifyOptions {
  /** Draw a progress bar on stderr; main turns it on only when stderr is a TTY, so logs stay clean. */
  readonly progress?: boolean;
}

/** Walks every hash chain and prints the report; the caller exits 1 when `ok` is false. */
export async function verify(store: EventStore, out: Output, options: VerifyOptions = {}): Promise<VerificationReport> {
  const bar = progressBar(options.progress, 'verifying');
  const report = await verifyChains(store, { progressEvery: 1_000, onProgress: (position, head) => bar.update(position, head) });
  bar.stop();

  out.line(`events checked: ${report.eventsChecked}`);
  out.line(`streams:        ${report.streamsChecked}`);
  out.line(`head position:  ${report.headPosition}`);
  if (report.firstBreak) {
    const b = report.firstBreak;
    out.line('chain BROKEN at');
    out.line(`  position: ${b.position}`);
    out.line(`  stream:   ${b.stream}`);
    out.line(`  revision: ${b.revision}`);
    out.line(`  reason:   ${b.reason}`);
  } else {
    out.line('all hash chains intact');
  }
  return report;
}
