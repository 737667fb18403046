import { gradeFor, projectDecider, upcast, type Grade, type ProjectEvent, type ProjectState, type Rulebook } from '@jixiao/domain';
import type { EventStore, JsonObject, StoredEvent } from '@jixiao/event-store';
import { projectIdOf, type ProcessManager, type Reaction, type WorkflowEvent } from '../process-manager.js';
import { processManagers as allProcessManagers } from '../process-managers/all.js';

export interface Difference<T> {
  readonly key: string;
  readonly actual: T | null;
  readonly whatIf: T | null;
}

export interface WhatIfReport {
  readonly projectId: string;
  readonly rulebook: { readonly id: string; readonly version: number };
  readonly flags: Difference<string>[];
  readonly grades: Difference<Grade>[];
  readonly cuts: Difference<{ proportion: number; amountFen: number }>[];
  readonly results: Difference<string>[];
  readonly accountability: Difference<string>[];
  readonly identical: boolean;
}

type Timer = { dueAt: string; processManager: string; payload: JsonObject; timerId: string };

const timeOf = (e: StoredEvent) => (e.metadata['occurredAt'] as string | undefined) ?? e.recordedAt;

/** The facts a report compares, keyed so that the same fact matches across both histories. */
function ledger(events: readonly { type: string; data: JsonObject }[]) {
  const flags = new Map<string, string>();
  const grades = new Map<string, Grade>();
  const cuts = new Map<string, { proportion: number; amountFen: number }>();
  const results = new Map<string, string>();
  const accountability = new Map<string, string>();
  for (const { type, data } of events) {
    if (type === 'DeviationFlagged') {
      const s = data['subject'] as { kind: string; indicatorId?: string; period?: string };
      flags.set(s.kind === 'budget' ? `budget:${data['deviationId']}` : `${s.indicatorId}@${s.period}`, data['level'] as string);
    }
    if (type === 'EvaluationScored' && data['drivesResults']) grades.set(data['evaluationId'] as string, data['grade'] as Grade);
    if (type === 'BudgetCut') {
      const c = data['cause'] as { kind: string; evaluationId?: string; rectificationId?: string };
      cuts.set(`${c.kind}:${c.evaluationId ?? c.rectificationId}`, { proportion: data['proportion'] as number, amountFen: data['amountFen'] as number });
    }
    if (['ProjectPrioritised', 'ProjectMaintained', 'ProjectSuspended', 'ProjectCancelled'].includes(type)) results.set(data['evaluationId'] as string, type);
    if (type === 'AccountabilityActionTaken') {
      const c = data['cause'] as { kind: string; evaluationId?: string; rectificationId?: string };
      accountability.set(`${c.kind}:${c.evaluationId ?? c.rectificationId}`, data['measure'] as string);
    }
  }
  return { flags, grades, cuts, results, accountability };
}

function diff<T>(actual: Map<string, T>, whatIf: Map<string, T>): Difference<T>[] {
  const keys = [...new Set([...actual.keys(), ...whatIf.keys()])].sort();
  return keys
    .filter((k) => JSON.stringify(actual.get(k) ?? null) !== JSON.stringify(whatIf.get(k) ?? null))
    .map((key) => ({ key, actual: actual.get(key) ?? null, whatIf: whatIf.get(key) ?? null }));
}

/**
 * What-if replay: a project's history run through another rulebook, in memory, writing
 * nothing. The people's events are kept as they happened (a score regraded by the other
 * rulebook's bands); everything the rules decided — flags, results, cuts, rectification
 * and accountability, their timers included — is decided again by the same process
 * managers and the same decider under the other rulebook. The report lists where the
 * flags, grades, cuts, results and accountability would differ.
 *
 * The one named exception to "every decision goes through handleCommand": what-if
 * decides in memory with the domain's decider and appends nothing, so there is no
 * stream, revision, idempotency or metadata for handleCommand to look after.
 */
export function whatIf(projectId: string, history: readonly StoredEvent[], rulebook: Rulebook, asOf: string, processManagers: readonly ProcessManager[] = allProcessManagers): WhatIfReport {
  const events = history.map((e) => ({ ...e, ...(upcast(e) as { type: string; schemaVersion: number; data: JsonObject }) }));
  // The people's own events; what a process manager (a rule) decided is decided again.
  const people = events.filter((e) => !e.metadata['workflow'] && !e.stream.startsWith('timer-'));
  let state: ProjectState = projectDecider.initialState;
  const produced: { type: string; data: JsonObject }[] = [];
  let timers: Timer[] = [];
  let sequence = 0;
  const stream = `project-${projectId}`;

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
      return { id: `what-if-${++sequence}`, type: e.type, data: e.data as unknown as JsonObject, metadata: {}, stream, position: 0 };
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

  for (const original of people) {
    const now = new Date(timeOf(original)).toISOString();
    fireUntil(now);
    let data = original.data;
    if (original.type === 'EvaluationScored') data = { ...data, grade: gradeFor(data['totalScore'] as number, rulebook), rulebook: { id: rulebook.id, version: rulebook.version } };
    const event = { type: original.type, schemaVersion: original.schemaVersion, data } as unknown as ProjectEvent;
    state = projectDecider.evolve(state, event);
    produced.push({ type: original.type, data });
    if (projectIdOf(original)) react({ ...original, data }, now);
  }
  fireUntil(new Date(asOf).toISOString());

  const actual = ledger(events);
  const alternative = ledger(produced);
  const report = {
    projectId,
    rulebook: { id: rulebook.id, version: rulebook.version },
    flags: diff(actual.flags, alternative.flags),
    grades: diff(actual.grades, alternative.grades),
    cuts: diff(actual.cuts, alternative.cuts),
    results: diff(actual.results, alternative.results),
    accountability: diff(actual.accountability, alternative.accountability),
  };
  return { ...report, identical: [report.flags, report.grades, report.cuts, report.results, report.accountability].every((d) => d.length === 0) };
}

/** Reads a project's stream and replays it (see whatIf). */
export async function whatIfProject(store: EventStore, projectId: string, rulebook: Rulebook, asOf: string): Promise<WhatIfReport> {
  const history: StoredEvent[] = [];
  for await (const event of store.readStream(`project-${projectId}`)) history.push(event);
  return whatIf(projectId, history, rulebook, asOf);
}

/** Every project a department proposed, replayed one by one. */
export async function whatIfDepartment(store: EventStore, department: string, rulebook: Rulebook, asOf: string): Promise<WhatIfReport[]> {
  const projects: string[] = [];
  for await (const event of store.readAll({ batchSize: 5000 })) {
    if (event.type === 'ProjectProposed' && event.data['department'] === department) projects.push(event.stream.slice('project-'.length));
  }
  const reports: WhatIfReport[] = [];
  for (const projectId of projects) reports.push(await whatIfProject(store, projectId, rulebook, asOf));
  return reports;
}
