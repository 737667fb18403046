import { checkExport, describeProblem, type ExportReport } from '@jixiao/event-store';
import { exportFileLines, newestSchemaVersion } from './export-file.js';
import { UsageError, type Output } from './output.js';

export interface VerifyExportOptions {
  /** The digest the auditor kept (from the source's `verify`): the export's head must match it. */
  readonly digest?: string;
}

/**
 * `verify --export file.ndjson`: the checks of a restore, offline, writing nothing. Every
 * hash recomputed from the canonical bytes and the predecessor, every stream's revisions
 * in sequence, every anchor in the file recomputed, no schema version newer than this
 * build. Truncation after the last anchor shows only against a digest kept outside
 * (--digest), since the file alone cannot know what it lost at its end.
 */
export async function verifyExport(file: string, out: Output, options: VerifyExportOptions = {}): Promise<ExportReport> {
  if (options.digest !== undefined && !/^[0-9a-f]{64}$/.test(options.digest)) throw new UsageError('--digest must be 64 hex digits');
  const report = await checkExport(exportFileLines(file), { newestSchemaVersion });
  out.line(`events checked: ${report.eventsChecked}`);
  out.line(`streams:        ${report.streamsChecked}`);
  out.line(`last position:  ${report.headPosition}`);
  out.line(`anchors:        ${report.anchorsChecked} checked`);
  if (report.problem) {
    out.line('export REFUSED at');
    out.line(`  line:     ${report.problem.line}`);
    if (report.problem.stream !== undefined) out.line(`  stream:   ${report.problem.stream}`);
    if (report.problem.revision !== undefined) out.line(`  revision: ${report.problem.revision}`);
    out.line(`  reason:   ${describeProblem(report.problem)}`);
    return report;
  }
  const anchor = report.anchor!;
  out.line(`export intact; digest ${anchor.digest} (${anchor.streams} streams at position ${anchor.position})`);
  if (options.digest !== undefined && options.digest !== anchor.digest) {
    out.line(`digest MISMATCH: you kept ${options.digest}; the export was cut, extended or taken at another head`);
    return { ...report, ok: false };
  }
  if (options.digest !== undefined) out.line('digest matches the one you kept');
  return report;
}
