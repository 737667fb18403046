import {
  gradeFor,
  LIGHT_EVENT_TYPES,
  lightsAfter,
  projectDecider,
  replay,
  upcast,
  withFiscalYears,
  type Grade,
  type ProjectCommand,
  type ProjectEvent,
  type ProjectState,
  type Rulebook,
} from '@jixiao/domain';
import type { EventStore, JsonObject, StoredEvent } from '@jixiao/event-store';
import { projectIdOf, type ProcessManager, type Reaction, type WorkflowEvent } from '../process-manager.js';
import { processManagers as allProcessManagers } from '../process-managers/all.js';
import { differences, factsOf, type Difference, type FactEvent } from './facts.js';
import { afterRefusal, governedCommand, type AfterRefusal } from './governed.js';
import { compareYears, type YearComparison } from './years.js';

export type { Difference } from './facts.js';
export type { YearComparison, YearOutcome } from './years.js';
export type { AfterRefusal } from './governed.js';

/** Narrows a what-if report to one fiscal year 预算年度 (the replay still runs the whole life: a year's cap comes from the year before). */
export interface WhatIfScope {
  readonly fiscalYear?: number;
}

/** A person's decision the other rulebook refuses, and what the replay did with it (see AfterRefusal). */
export interface WhatIfRefusal {
  /** The command and what it names: `ApplyResult:<evaluationId>`, `CutBudget:<cutId>`, `GrantIncentive:<incentiveId>`, `OpenNextCycle:<year>`, `AllocateBudget:<year>`. */
  readonly key: string;
  readonly fiscalYear: number;
  readonly command: ProjectCommand['type'];
  /** The domain's rule id (e.g. `result.decision-not-allowed-for-grade`, `allocation.above-cut-cap-needs-reason`). */
  readonly ruleId: string;
  readonly then: AfterRefusal;
}

export interface WhatIfReport {
  readonly projectId: string;
  readonly rulebook: { readonly id: string; readonly version: number };
  /** The fiscal year the report is scoped to; null for the project's whole life. */
  readonly fiscalYear: number | null;
  readonly flags: Difference<string>[];
  /** Every light decided (warnings and the rest), keyed by subject and business date. */
  readonly lights: Difference<string>[];
  readonly grades: Difference<Grade>[];
  readonly cuts: Difference<{ proportion: number; amountFen: number }>[];
  readonly results: Difference<string>[];
  readonly accountability: Difference<string>[];
  /** Each fiscal year's grade, result, cuts and caps under both histories, whether or not it differs. */
  readonly years: YearComparison[];
  readonly refusals: WhatIfRefusal[];
  readonly identical: boolean;
}

type Timer = { dueAt: string; processManager: string; payload: JsonObject; timerId: string };

const timeOf = (e: StoredEvent) => (e.metadata['occurredAt'] as string | undefined) ?? e.recordedAt;

const refusalKey = (command: ProjectCommand, fiscalYear: number): string => {
  switch (command.type) {
    case 'ApplyResult':
      return `ApplyResult:${command.evaluationId}`;
    case 'CutBudget':
      return `CutBudget:${command.cutId}`;
    case 'GrantIncentive':
      return `GrantIncentive:${command.incentiveId}`;
    case 'OpenNextCycle':
      return `OpenNextCycle:${command.fiscalYear}`;
    default:
      return `${command.type}:${fiscalYear}`;
  }
};

/**
 * What-if replay: a project's history, across every fiscal year it lived, run through
 * another rulebook, in memory, writing nothing.
 *
 * - The people's facts are kept as they happened, at their times (a score regraded by the
 *   other rulebook's bands).
 * - The people's decisions whose content the rulebook governs — a result, a cut, an
 *   incentive, the opening of a next year, an allocation — are decided again by the domain
 *   under the other rulebook against the what-if state, so their grade, proportion, amount,
 *   carried-over cuts and cap are the other rulebook's. One it refuses is listed in
 *   `refusals` and then kept, dropped or ends the life (see AfterRefusal).
 * - Everything the rules decided — the lights each fact brought (by the same pure function
 *   the recording commands use), results, cuts, rectification and accountability, their
 *   timers included — is decided again under the other rulebook.
 *
 * The report lists where the lights, flags, grades, cuts, results and accountability would
 * differ, and each year's outcome under both; with `scope.fiscalYear`, only that year's
 * (each event's year from the domain's `withFiscalYears`).
 *
 * The one named exception to "every decision goes through handleCommand": what-if
 * decides in memory with the domain's decider and appends nothing, so there is no
 * stream, revision, idempotency or metadata for handleCommand to look after.
 */
export function whatIf(
  projectId: string,
  history: readonly StoredEvent[],
  rulebook: Rulebook,
  asOf: string,
  processManagers: readonly ProcessManager[] = allProcessManagers,
  scope: WhatIfScope = {},
): WhatIfReport {
  const events = history.map((e) => ({ ...e, ...(upcast(e) as { type: string; schemaVersion: number; data: JsonObject }) }));
  const yeared = withFiscalYears(events);
  // The people's own facts; what a rule decided (a process manager's command, or the lights a
  // recording command decided beside its fact) is decided again. A flag raised by hand stays.
  const decidedLight = (e: StoredEvent) => (LIGHT_EVENT_TYPES as readonly string[]).includes(e.type) && e.metadata['commandType'] !== 'FlagDeviation';
  const people = yeared.filter(({ event: e }) => !e.metadata['workflow'] && !e.stream.startsWith('timer-') && !decidedLight(e));
  let state: ProjectState = projectDecider.initialState;
  const produced: FactEvent[] = [];
  const refusals: WhatIfRefusal[] = [];
  let timers: Timer[] = [];
  let sequence = 0;
  const stream = `project-${projectId}`;
  const asWorkflowEvent = (e: { type: string; data: unknown }): WorkflowEvent => ({ id: `what-if-${++sequence}`, type: e.type, data: e.data as JsonObject, metadata: {}, stream, position: 0 });

  const react = (event: WorkflowEvent, now: string) => {
    const queue: WorkflowEvent[] = [event];
    while (queue.length > 0) {
      const next = queue.shift()!;
      for (const pm of processManagers) {
        if (!pm.handles.includes(next.type)) continue;
        if (next.type === 'TimerFired' && next.data['processManager'] !== pm.name) continue;
        for (const reaction of pm.react(next, { projectId, project: state }, rulebook, now)) queue.push(...carryOut(pm, reaction, now));
      }
    }
  };
  const carryOut = (pm: ProcessManager, reaction: Reaction, now: string): WorkflowEvent[] => {
    if (reaction.kind === 'schedule') {
      if (!timers.some((t) => t.timerId === reaction.timerId)) timers.push({ timerId: reaction.timerId, dueAt: reaction.dueAt, processManager: pm.name, payload: reaction.payload });
      return [];
    }
    if (reaction.kind === 'cancel') {
      timers = timers.filter((t) => t.timerId !== reaction.timerId);
      return [];
    }
    const decision = projectDecider.decide(reaction.command, state, { now, rulebook });
    if (!decision.ok) return [];
    return decision.events.map((e) => {
      state = projectDecider.evolve(state, e);
      produced.push({ type: e.type, data: e.data as unknown as JsonObject });
      return asWorkflowEvent(e);
    });
  };
  const fireUntil = (now: string) => {
    for (;;) {
      const due = timers.filter((t) => t.dueAt <= now).sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1))[0];
      if (!due) return;
      timers = timers.filter((t) => t !== due);
      react({ id: `what-if-${++sequence}`, type: 'TimerFired', data: { ...due, projectId }, metadata: {}, stream: `timer-${due.timerId}`, position: 0 }, due.dueAt);
    }
  };
  /** The events the other rulebook gives for a person's governed decision; null when it does not happen (or ends the life). */
  const decideAgain = (command: ProjectCommand, original: { type: string; data: JsonObject }, fiscalYear: number, now: string): ProjectEvent[] | null | 'life-ended' => {
    const decision = projectDecider.decide(command, state, { now, rulebook });
    if (decision.ok) return decision.events;
    const then = afterRefusal(command.type, decision.error);
    refusals.push({ key: refusalKey(command, fiscalYear), fiscalYear, command: command.type, ruleId: decision.error.ruleId, then });
    if (then === 'dropped') return null;
    if (then === 'life-ended') return 'life-ended';
    if (command.type === 'ApplyResult') {
      // The person's choice stands, under the grade the other rulebook gives.
      const grade = state.evaluations.find((e) => e.evaluationId === command.evaluationId)?.grade ?? original.data['grade'];
      return [{ type: original.type, data: { ...original.data, grade, rulebook: { id: rulebook.id, version: rulebook.version } } } as unknown as ProjectEvent];
    }
    if (command.type === 'OpenNextCycle') {
      // The department asked for the next year; the year before hands on what the other rulebook decided (no result).
      const opened = projectDecider.decide(command, { ...state, stage: 'results' }, { now, rulebook });
      return opened.ok ? opened.events : 'life-ended';
    }
    // An allocation made above the other rulebook's cap, or despite its overdue rectification: the money was allocated, the cuts not applied.
    return [{ type: original.type, data: original.data } as unknown as ProjectEvent];
  };

  for (let i = 0; i < people.length; i++) {
    const { event: original, fiscalYear } = people[i]!;
    // Written with its allocation, and decided again with it.
    if (original.type === 'PriorCutsApplied') continue;
    const now = new Date(timeOf(original)).toISOString();
    fireUntil(now);
    const companion = original.type === 'BudgetAllocated' && people[i + 1]?.event.type === 'PriorCutsApplied' ? people[i + 1]!.event.data : undefined;
    const command = projectIdOf(original) ? governedCommand(original.type, original.data, companion) : null;
    if (command) {
      const decided = decideAgain(command, original, fiscalYear, now);
      if (decided === 'life-ended') break;
      if (decided === null) continue;
      for (const e of decided) {
        state = projectDecider.evolve(state, e);
        produced.push({ type: e.type, data: e.data as unknown as JsonObject, metadata: original.metadata });
      }
      for (const e of decided) react(asWorkflowEvent(e), now);
      continue;
    }
    let data = original.data;
    if (original.type === 'EvaluationScored') data = { ...data, grade: gradeFor(data['totalScore'] as number, rulebook), rulebook: { id: rulebook.id, version: rulebook.version } };
    const event = { type: original.type, schemaVersion: original.schemaVersion, data } as unknown as ProjectEvent;
    state = projectDecider.evolve(state, event);
    produced.push({ type: original.type, data, metadata: original.metadata });
    const lights = lightsAfter(state, event, { now, rulebook });
    for (const light of lights) {
      state = projectDecider.evolve(state, light);
      produced.push({ type: light.type, data: light.data as unknown as JsonObject });
    }
    if (projectIdOf(original)) {
      react({ ...original, data }, now);
      for (const light of lights) react(asWorkflowEvent(light), now);
    }
  }
  fireUntil(new Date(asOf).toISOString());

  const year = scope.fiscalYear ?? null;
  const actual = factsOf(events);
  const alternative = factsOf(produced);
  const report = {
    projectId,
    rulebook: { id: rulebook.id, version: rulebook.version },
    fiscalYear: year,
    flags: differences(actual.flags, alternative.flags, year),
    lights: differences(actual.lights, alternative.lights, year),
    grades: differences(actual.grades, alternative.grades, year),
    cuts: differences(actual.cuts, alternative.cuts, year),
    results: differences(actual.results, alternative.results, year),
    accountability: differences(actual.accountability, alternative.accountability, year),
    years: compareYears(replay(events as unknown as ProjectEvent[]), state, year),
    refusals: refusals.filter((r) => year === null || r.fiscalYear === year),
  };
  const identical =
    [report.flags, report.lights, report.grades, report.cuts, report.results, report.accountability, report.refusals].every((d) => d.length === 0) &&
    report.years.every((y) => !y.differs);
  return { ...report, identical };
}

/** Reads a project's stream and replays it (see whatIf); `scope.fiscalYear` narrows the report to one year. */
export async function whatIfProject(store: EventStore, projectId: string, rulebook: Rulebook, asOf: string, scope: WhatIfScope = {}): Promise<WhatIfReport> {
  const history: StoredEvent[] = [];
  for await (const event of store.readStream(`project-${projectId}`)) history.push(event);
  return whatIf(projectId, history, rulebook, asOf, allProcessManagers, scope);
}

/** Every project a department proposed, replayed one by one. */
export async function whatIfDepartment(store: EventStore, department: string, rulebook: Rulebook, asOf: string, scope: WhatIfScope = {}): Promise<WhatIfReport[]> {
  const projects: string[] = [];
  for await (const event of store.readAll({ batchSize: 5000 })) {
    if (event.type === 'ProjectProposed' && event.data['department'] === department) projects.push(event.stream.slice('project-'.length));
  }
  const reports: WhatIfReport[] = [];
  for (const projectId of projects) reports.push(await whatIfProject(store, projectId, rulebook, asOf, scope));
  return reports;
}
