import type { Principal } from '@jixiao/application';
import { problem } from '../http/problem.js';

/**
 * The department a read is limited to: a department sees its own, and asking for another
 * is refused rather than silently narrowed; oversight, auditors and finance see all.
 */
export function departmentScope(principal: Principal, requested: string | undefined): string | undefined {
  if (principal.role !== 'department') return requested;
  if (requested !== undefined && requested !== principal.department) {
    throw problem(403, 'forbidden-department', 'Forbidden', 'A department may read only its own projects');
  }
  return principal.department;
}
