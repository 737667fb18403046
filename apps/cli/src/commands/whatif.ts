import { projectStream } from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';
import { whatIfDepartment, whatIfProject, type WhatIfReport } from '@jixiao/workflow';
import { Rulebooks } from '@jixiao/application';
import { jsonLines, UsageError, type Output } from './output.js';

export interface WhatIfOptions {
  readonly project?: string;
  readonly department?: string;
  readonly rulebookVersion: number;
  readonly rulebookId: string;
  /** The instant timers are run up to; now by default. */
  readonly asOf?: string;
  readonly json?: boolean;
}

const show = (value: unknown) => (value === null ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value));

function print(report: WhatIfReport, out: Output): void {
  out.line(`project ${report.projectId} under ${report.rulebook.id} v${report.rulebook.version}: ${report.identical ? 'no difference' : 'differs'}`);
  for (const [label, differences] of [
    ['flag', report.flags],
    ['grade', report.grades],
    ['cut', report.cuts],
    ['result', report.results],
    ['accountability', report.accountability],
  ] as const) {
    for (const d of differences as ReadonlyArray<{ key: string; actual: unknown; whatIf: unknown }>) out.line(`  ${label} ${d.key}: actual ${show(d.actual)} → what-if ${show(d.whatIf)}`);
  }
}

/** whatif: replays a project's or a department's history through another rulebook version, writing nothing. */
export async function whatIfCommand(store: EventStore, options: WhatIfOptions, out: Output): Promise<WhatIfReport[]> {
  if (!options.project === !options.department) throw new UsageError('name --project or --department');
  if (!Number.isInteger(options.rulebookVersion) || options.rulebookVersion < 1) throw new UsageError('--rulebook-version must be a positive integer');
  const rulebook = await new Rulebooks(store).version(options.rulebookId, options.rulebookVersion);
  if (!rulebook) throw new UsageError(`rulebook ${options.rulebookId} has no version ${options.rulebookVersion}`);
  if (options.project && (await store.streamRevision(projectStream(options.project))) === undefined) throw new UsageError(`no project ${options.project}`);
  const asOf = options.asOf ?? new Date().toISOString();
  const reports = options.project ? [await whatIfProject(store, options.project, rulebook, asOf)] : await whatIfDepartment(store, options.department!, rulebook, asOf);
  if (options.json) jsonLines(out, reports);
  else {
    for (const report of reports) print(report, out);
    out.line(`${reports.length} project(s), ${reports.filter((r) => !r.identical).length} would differ`);
  }
  return reports;
}
