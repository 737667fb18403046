import type { ProjectCommand, ProjectState } from '@jixiao/domain';
import type { Principal } from '../auth/principal.js';
import { problem } from '../http/problem.js';

/**
 * Scope rules that need the project: a department acts on its own projects only,
 * an evaluator on projects assigned to it. Role rules are the guard's.
 */
export function assertMayAccess(principal: Principal, state: ProjectState, command?: ProjectCommand): void {
  if (principal.role === 'department') {
    const department = command?.type === 'ProposeProject' ? command.department : state.department;
    if (state.exists || command?.type === 'ProposeProject') {
      if (department !== principal.department) {
        throw problem(403, 'forbidden-department', 'Forbidden', `This project belongs to another department`);
      }
    }
  }
  if (principal.role === 'evaluator' && state.exists && !state.evaluators.includes(principal.id)) {
    throw problem(403, 'forbidden-unassigned', 'Forbidden', 'This project is not assigned to you');
  }
}
