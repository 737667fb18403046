import { projectNotFound, type ProjectCommand, type ProjectState } from '@jixiao/domain';
import type { Principal, SystemPrincipal } from '../principal.js';
import { AccessRefused, DomainRefusal } from '../refusals.js';

/** The answer for a project that does not exist, and for one the caller may not see: the same, so nothing leaks. */
export const noSuchProject = (): DomainRefusal => new DomainRefusal(projectNotFound);

/**
 * Scope rules that need the project: a department acts on and reads its own projects
 * only, an evaluator those assigned to it. Role rules are the api guard's; the workflow's
 * system principal is not scoped.
 *
 * A project out of scope is answered exactly like one that does not exist (404 with the
 * decider's not-found refusal), before any other check, so neither its existence nor its
 * revision leaks. The one exception is a proposal naming a taken projectId: the decider
 * answers 409 whoever owns it, because a chosen id reveals existence by nature; ids the
 * server assigns do not. Proposing for another department is refused (403, AccessRefused).
 */
export function assertMayAccess(principal: Principal | SystemPrincipal, state: ProjectState, command?: ProjectCommand): void {
  if (principal.role === 'system') return;
  if (command?.type === 'ProposeProject') {
    if (!state.exists && principal.role === 'department' && command.department !== principal.department) {
      throw new AccessRefused('forbidden-department', 'A department proposes projects for itself only');
    }
    return;
  }
  if (!state.exists) return; // the decider answers not-found
  assertMaySee(principal, state.department, state.evaluators);
}

/**
 * The read side's check, on what a read model knows of the project: its department and,
 * where known, its assigned evaluators. Throws noSuchProject() when out of scope.
 */
export function assertMaySee(principal: Principal | SystemPrincipal, department: string, evaluators?: readonly string[]): void {
  if (principal.role === 'department' && department !== principal.department) throw noSuchProject();
  if (principal.role === 'evaluator' && evaluators !== undefined && !evaluators.includes(principal.id)) throw noSuchProject();
}
