import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { projectStream } from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';
import { exportLines } from '@jixiao/application';
import { UsageError } from './output.js';

export interface ExportOptions {
  readonly project?: string;
}

/**
 * Writes NDJSON, one line per stored event with every field, the same lines as the
 * api's /audit/export: the whole store in global order, or one project's stream.
 * Lines are written as they are read, waiting for the destination to drain.
 */
export async function exportEvents(store: EventStore, destination: Writable, options: ExportOptions = {}): Promise<number> {
  let stream: string | undefined;
  if (options.project !== undefined) {
    stream = projectStream(options.project);
    if ((await store.streamRevision(stream)) === undefined) throw new UsageError(`No project ${options.project}`);
  }
  let count = 0;
  for await (const line of exportLines(store, stream)) {
    if (!destination.write(line)) await once(destination, 'drain');
    count++;
  }
  return count;
}
