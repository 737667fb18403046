import { CATEGORY_LABELS, cycleOf, cyclesOf, openDeviations, openRectifications, type Cycle, type ProjectState } from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';
import { parseAsOf, projectAsOf, type ProjectAsOf } from '@jixiao/application';
import { both, gradeLabel, minute, stageLabel, yuan } from './format.js';
import { jsonLines, UsageError, type Output } from './output.js';

export interface StateOptions {
  readonly asOf?: string;
  readonly revision?: string;
  readonly json?: boolean;
  /** Also print that fiscal year's cycle as it then stood. */
  readonly fiscalYear?: string;
}

/**
 * The project as the system knew it then, through the same fold as the api's audit
 * route: events recorded at or before --as-of, or up to --revision; with --fiscal-year,
 * that year's cycle (cycleOf) beside it.
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
  const fiscalYear = options.fiscalYear === undefined ? undefined : Number(options.fiscalYear);
  if (fiscalYear !== undefined && !(/^\d{4}$/.test(options.fiscalYear!) && Number.isInteger(fiscalYear))) {
    throw new UsageError(`--fiscal-year "${options.fiscalYear}" is not a year such as 2027`);
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
  const cycle = fiscalYear === undefined ? undefined : cycleOf(project.state, fiscalYear);
  if (fiscalYear !== undefined && !cycle) {
    throw new UsageError(`Project ${projectId} had no fiscal year ${fiscalYear} then; its years were ${cyclesOf(project.state).map((c) => c.fiscalYear).join(', ')}`);
  }
  if (options.json) {
    jsonLines(out, {
      projectId, revision: project.revision, recordedAt: project.recordedAt, headRevision: project.headRevision, state: project.state,
      ...(cycle ? { fiscalYear, cycle } : {}),
    });
  } else {
    printState(project, out);
    if (cycle) printCycle(cycle, out);
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
  if (s.previousCycles.length) out.line(`  years     ${cyclesOf(s).map((c) => `FY${c.fiscalYear} ${c.stage}`).join(' · ')}`);
  out.line(`  (times recorded UTC; last event ${minute(recordedAt)})`);
}

/** One fiscal year: its budget, what the year before carried over, how its allocation applied the cuts, its result. */
function printCycle(c: Cycle, out: Output): void {
  out.line(`FY${c.fiscalYear}  stage ${stageLabel(c.stage)}`);
  out.line(`  requested ${yuan(c.requestedFen)}   allocated ${yuan(c.allocatedFen)}   in force ${yuan(c.adjustedBudgetFen)}   spent ${yuan(c.spentFen)}`);
  if (c.carriedOver) {
    const o = c.carriedOver;
    out.line(`  from FY${o.fromFiscalYear}: result ${o.resultDecision ?? '—'}, cuts ${yuan(o.cutTotalFen)}, cap ${yuan(o.capFen)}` +
      (o.openRectificationIds.length ? `, open rectifications ${o.openRectificationIds.join(', ')}` : ''));
  }
  if (c.cutsApplied) {
    const a = c.cutsApplied;
    out.line(`  cuts applied ${a.cutIds.join(', ') || '—'}: allocated ${yuan(a.allocatedFen)} against cap ${yuan(a.capFen)}${a.exceptionReason ? ` · exception 例外: ${a.exceptionReason}` : ''}`);
  }
  for (const e of c.evaluations) out.line(`  evaluation ${e.evaluationId} ${e.kind}: ${e.totalScore} ${gradeLabel(e.grade)}`);
  if (c.result) out.line(`  result    ${c.result.decision} after ${c.result.evaluationId}`);
  for (const cut of c.cuts) out.line(`  cut       ${cut.cutId} ${yuan(cut.amountFen)}`);
}
