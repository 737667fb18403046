import { randomUUID } from 'node:crypto';
import { nationalRulebook2020, projectDecider, projectStream, upcast, type ProjectCommand, type ProjectEvent, type ProjectState } from '@jixiao/domain';
import type { RunningApi } from './api-harness.js';
import { goals, proposal } from './lifecycle-fixtures.js';

/** Tokens of the roles a read-model scenario drives commands with. */
export interface ScenarioTokens {
  readonly finance: string;
  readonly department: (name: string) => Promise<string>;
}

/** One POST that must succeed: a failure is a broken scenario, not a finding. */
export async function post(api: RunningApi, token: string, path: string, body: unknown): Promise<any> {
  const response = await api.call('POST', `/api/v1${path}`, { token, body });
  if (response.status >= 300) throw new Error(`scenario ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Proposes a project and takes it through goals, review and admission to an allocation. */
export async function fundedProject(api: RunningApi, finance: string, departmentToken: string, department: string, projectId: string, amountFen: number, requestedFen = 100_000_000) {
  await post(api, departmentToken, '/projects', { ...proposal(department), projectId, requestedFen });
  await post(api, departmentToken, `/projects/${projectId}/goals`, goals);
  await post(api, finance, `/projects/${projectId}/goal-reviews`, { grade: 'good' });
  await post(api, finance, `/projects/${projectId}/admission`, { decision: 'admit', reviewScore: 88 });
  await post(api, finance, `/projects/${projectId}/allocations`, { amountFen });
}

/**
 * Decides a command the api has no route for (the workflow issues these: flagging and
 * resolving deviations, applying results, accountability) and appends what it decided.
 */
export async function decideAndAppend(api: RunningApi, projectId: string, command: ProjectCommand, now: string): Promise<void> {
  let state: ProjectState = projectDecider.initialState;
  let revision = -1;
  for await (const stored of api.store.readStream(projectStream(projectId))) {
    state = projectDecider.evolve(state, upcast(stored) as ProjectEvent);
    revision = stored.revision;
  }
  const decision = projectDecider.decide(command, state, { now, rulebook: nationalRulebook2020 });
  if (!decision.ok) throw new Error(`scenario ${command.type}: ${decision.error.message.en}`);
  await api.store.append(
    projectStream(projectId),
    decision.events.map((event) => ({
      id: randomUUID(), type: event.type, schemaVersion: event.schemaVersion,
      data: event.data as never, metadata: { actor: { id: 'workflow', role: 'system', department: null } },
    })),
    revision,
  );
}
