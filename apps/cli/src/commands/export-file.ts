import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { eventCatalogue } from '@jixiao/domain';
import type { ExportLines } from '@jixiao/event-store';
import { UsageError } from './output.js';

/**
 * An export file read as lines, afresh on every call: the checks read it twice (anchors
 * first), and a restore a third time. A file, not stdin, for that reason.
 */
export function exportFileLines(file: string): ExportLines {
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`No export file at ${file}`);
  return () => createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
}

/**
 * The newest schema version this build reads, per event type: the domain's catalogue,
 * and the store's own anchors. Types outside both (tokens, rulebooks, timers) are not judged.
 */
export function newestSchemaVersion(type: string): number | undefined {
  if (type === 'AnchorRecorded') return 1;
  return (eventCatalogue as Record<string, { schemaVersion: number } | undefined>)[type]?.schemaVersion;
}

