import { gradeFor, LIGHT_EVENT_TYPES, lightsAfter, projectDecider, upcast, type Grade, type ProjectEvent, type ProjectState, type Rulebook } from '@jixiao/domain';
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
  /** Every light decided (warnings and the rest), keyed by subject and business date. */
  readonly lights: Difference<string>[];
  readonly grades: Difference<Grade>[];
  readonly cuts: Difference<{ proportion: number; amountFen: number }>[];
  readonly results: Difference<string>[];
  readonly accountability: Difference<string>[];
  readonly identical: boolean;
}

type Timer = { dueAt: string; processManager: string; payload: JsonObject; timerId: string };

const timeOf = (e: StoredEvent) => (e.metadata['occurredAt'] as string | undefined) ?? e.recordedAt;

/** The facts a report compares, keyed so that the same fact matches across both histories. */
/** Where a light event sits: the indicator and the period of the reading that lit it, or budget execution and its date. */
const lightKey = (data: JsonObject): string => {
  const s = data['subject'] as { kind: string; indicatorId?: string; period?: string };
  return s.kind === 'budget' ? `budget@${data['asOf']}` : `${s.indicatorId}@${s.period}`;
};

function ledger(events: readonly { type: string; data: JsonObject }[]) {
  const flags = new Map<string, string>();
  const lights = new Map<string, string>();
  const grades = new Map<string, Grade>();
  const cuts = new Map<string, { proportion: number; amountFen: number }>();
  const results = new Map<string, string>();
  const accountability = new Map<string, string>();
  for (const { type, data } of events) {
    if (type === 'DeviationFlagged' && (data['subject'] as { kind: string }).kind === 'budget' && !String(data['deviationId']).startsWith('light-')) {
      // A flag from before lights were decided with the facts (national-2020 v1's process manager).
      flags.set(`budget:${data['deviationId']}`, data['level'] as string);
    } else if ((LIGHT_EVENT_TYPES as readonly string[]).includes(type)) {
      const light = (data['level'] ?? data['light']) as string;
      lights.set(`${lightKey(data)}:${type}`, light);
      if (light === 'yellow' || light === 'red') flags.set(lightKey(data), light);
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
  return { flags, lights, grades, cuts, results, accountability };
}

function diff<T>(actual: Map<string, T>, whatIf: Map<string, T>): Difference<T>[] {
  const keys = [...new Set([...actual.keys(), ...whatIf.keys()])].sort();
  return keys
    .filter((k) => JSON.stringify(actual.get(k) ?? null) !== JSON.stringify(whatIf.get(k) ?? null))
    .map((key) => ({ key, actual: actual.get(key) ?? null, whatIf: whatIf.get(key) ?? null }));
}

/**
 * What-if replay: a project's history run through another rulebook, in memory, writing
 * nothing. The people's facts are kept as they happened (a score regraded by the other
 * rulebook's bands); everything the rules decided — the lights each fact brought (by the
 * same pure function the recording commands use), results, cuts, rectification and
 * accountability, their timers included — is decided again under the other rulebook. The
 * report lists where the lights, flags, grades, cuts, results and accountability would differ.
 *
 * The one named exception to "every decision goes through handleCommand": what-if
 * decides in memory with the domain's decider and appends nothing, so there is no
 * stream, revision, idempotency or metadata for handleCommand to look after.
 */
export function whatIf(projectId: string, history: readonly StoredEvent[], rulebook: Rulebook, asOf: string, processManagers: readonly ProcessManager[] = allProcessManagers): WhatIfReport {
  const events = history.map((e) => ({ ...e, ...(upcast(e) as { type: string; schemaVersion: number; data: JsonObject }) }));
  // The people's own facts; what a rule decided (a process manager's command, or the lights a
  // recording command decided beside its fact) is decided again. A flag raised by hand stays.
  const decidedLight = (e: StoredEvent) => (LIGHT_EVENT_TYPES as readonly string[]).includes(e.type) && e.metadata['commandType'] !== 'FlagDeviation';
  const people = events.filter((e) => !e.metadata['workflow'] && !e.stream.startsWith('timer-') && !decidedLight(e));
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
    const lights = lightsAfter(state, event, { now, rulebook });
    for (const light of lights) {
      state = projectDecider.evolve(state, light);
      produced.push({ type: light.type, data: light.data as unknown as JsonObject });
    }
    if (projectIdOf(original)) {
      react({ ...original, data }, now);
      for (const light of lights) react({ id: `what-if-${++sequence}`, type: light.type, data: light.data as unknown as JsonObject, metadata: {}, stream, position: 0 }, now);
    }
  }
  fireUntil(new Date(asOf).toISOString());

  const actual = ledger(events);
  const alternative = ledger(produced);
  const report = {
    projectId,
    rulebook: { id: rulebook.id, version: rulebook.version },
    flags: diff(actual.flags, alternative.flags),
    lights: diff(actual.lights, alternative.lights),
    grades: diff(actual.grades, alternative.grades),
    cuts: diff(actual.cuts, alternative.cuts),
    results: diff(actual.results, alternative.results),
    accountability: diff(actual.accountability, alternative.accountability),
  };
  return { ...report, identical: [report.flags, report.lights, report.grades, report.cuts, report.results, report.accountability].every((d) => d.length === 0) };
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
