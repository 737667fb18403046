import { randomUUID } from 'node:crypto';
import { DomainRefusal, ProjectCommands, ProjectStates } from '@jixiao/application';
import { nationalRulebook2020, type ProjectCommand } from '@jixiao/domain';
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
 * Runs a command the api has no route for (the workflow issues these: flagging and
 * resolving deviations, applying results, accountability) through the same
 * handleCommand, as the workflow's system principal, at the given entry time.
 */
export async function decideAndAppend(api: RunningApi, projectId: string, command: ProjectCommand, now: string): Promise<void> {
  const commands = new ProjectCommands(api.store, new ProjectStates(api.store), { rulebookFor: async () => nationalRulebook2020 }, () => new Date(now));
  const id = randomUUID();
  try {
    await commands.run({ projectId, command }, { principal: { id: 'workflow', role: 'system', label: 'scenario workflow' }, correlationId: id, commandId: id });
  } catch (error) {
    if (error instanceof DomainRefusal) throw new Error(`scenario ${command.type}: ${error.message}`);
    throw error;
  }
}
