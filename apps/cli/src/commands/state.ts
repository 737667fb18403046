import { CATEGORY_LABELS, openDeviations, openRectifications, type ProjectState } from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';
import { parseAsOf, projectAsOf, type ProjectAsOf } from '@jixiao/application';
import { both, gradeLabel, minute, stageLabel, yuan } from './format.js';
import { jsonLines, UsageError, type Output } from './output.js';

export interface StateOptions {
  readonly asOf?: string;
  readonly revision?: string;
  readonly json?: boolean;
}

/**
 * The project as the system knew it then, through the same fold as the api's audit
 * route: events recorded at or before --as-of, or up to --revision.
 */
export async function stateAsOf(store: EventStore, projectId: string, options: StateOptions, out: Output): Promise<ProjectAsOf> {
  if ((options.asOf === undefined) === (options.revision === undefined)) {
    throw new UsageError('Give exactly one of --as-of <ISO time> and --revision <n>');
  }
  if (options.asOf !== undefined && parseAsOf(options.asOf) === undefined) {
    throw new UsageError(`--as-of "${options.asOf}" is not an ISO-8601 instant with a zone, e.g. 2026-03-01T08:00:00Z`);
  }
  const revision = options.revision === undefined ? undefined : Number(options.revision);
  if (revision !== undefined && !(Number.isInteger(revision) && revision >= 0 && /^\d+$/.test(options.revision!))) {
    throw new UsageError(`--revision "${options.revision}" is not a whole number ≥ 0`);
  }
  const result = await projectAsOf(store, projectId, revision === undefined ? { asOf: options.asOf! } : { revision });
  switch (result.kind) {
    case 'unknown-project':
      throw new UsageError(`No project ${projectId}`);
    case 'not-yet-known':
      throw new UsageError(`Nothing of project ${projectId} was recorded by ${options.asOf}; its first event was recorded at ${result.firstRecordedAt}`);
    case 'no-such-revision':
      throw new UsageError(`Project ${projectId} has no revision ${revision}; its head is ${result.headRevision}`);
  }
  const { project } = result;
  if (options.json) {
    jsonLines(out, { projectId, revision: project.revision, recordedAt: project.recordedAt, headRevision: project.headRevision, state: project.state });
  } else {
    printState(project, out);
  }
  return project;
}

function printState({ projectId, state, revision, recordedAt, headRevision }: ProjectAsOf, out: Output): void {
  const s: ProjectState = state;
  out.line(`project ${projectId} as of revision #${revision} (recorded ${recordedAt}; head is #${headRevision})`);
  out.line(`  ${s.title} · ${s.department} · FY${s.fiscalYear}${s.category ? ` · ${both(CATEGORY_LABELS[s.category])}` : ''}`);
  out.line(`  stage     ${stageLabel(s.stage)}${s.closed ? ' (closed)' : ''}`);
  out.line(`  requested ${yuan(s.requestedFen)}   allocated ${yuan(s.allocatedFen)}   in force ${yuan(s.adjustedBudgetFen)}   spent ${yuan(s.spentFen)}`);
  if (s.goalsReviewGrade) out.line(`  goals     ${s.indicators.length} indicators, review ${gradeLabel(s.goalsReviewGrade)}`);
  for (const i of s.indicators) {
    const latest = s.readings.filter((r) => r.indicatorId === i.indicatorId).at(-1);
    const target = i.adjustedTarget !== null && i.adjustedTarget !== i.startOfYearTarget
      ? `${i.startOfYearTarget} → ${i.adjustedTarget}`
      : `${i.startOfYearTarget ?? i.criteria}`;
    out.line(`    ${i.indicatorId.padEnd(16)} ${i.name}: target ${target}${i.unit ? ` ${i.unit}` : ''}` +
      (latest ? ` · latest ${latest.period} ${latest.value ?? latest.likelihood}` : ''));
  }
  out.line(`  deviations ${s.deviations.length} (open ${openDeviations(s).length})`);
  for (const e of s.evaluations) out.line(`  evaluation ${e.evaluationId} ${e.kind}: ${e.totalScore} ${gradeLabel(e.grade)}`);
  if (s.result) out.line(`  result    ${s.result.decision} after ${s.result.evaluationId}`);
  for (const c of s.cuts) out.line(`  cut       ${c.cutId} ${yuan(c.amountFen)}`);
  if (s.rectifications.length) {
    out.line(`  rectifications ${s.rectifications.length} (open ${openRectifications(s).length})`);
  }
  out.line(`  (times recorded UTC; last event ${minute(recordedAt)})`);
}
