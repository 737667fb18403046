import type { ProjectCommand, ProjectState } from '@jixiao/domain';
import type { Principal, SystemPrincipal } from '../principal.js';
import { AccessRefused } from '../refusals.js';

/**
 * Scope rules that need the project: a department acts on its own projects only,
 * an evaluator on projects assigned to it. Role rules are the api guard's; the
 * workflow's system principal is not scoped. Throws AccessRefused.
 */
export function assertMayAccess(principal: Principal | SystemPrincipal, state: ProjectState, command?: ProjectCommand): void {
  if (principal.role === 'system') return;
  if (principal.role === 'department') {
    const department = command?.type === 'ProposeProject' ? command.department : state.department;
    if (state.exists || command?.type === 'ProposeProject') {
      if (department !== principal.department) {
        throw new AccessRefused('forbidden-department', 'This project belongs to another department');
      }
    }
  }
  if (principal.role === 'evaluator' && state.exists && !state.evaluators.includes(principal.id)) {
    throw new AccessRefused('forbidden-unassigned', 'This project is not assigned to you');
  }
}
