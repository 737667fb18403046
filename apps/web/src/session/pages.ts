import type { Role } from './session';

/**
 * Which roles see which page. The api enforces the same (403 otherwise); the console only
 * avoids showing what would be refused. Overview: oversight and finance (issue 19);
 * the warnings watchlist: every role that may read GET /api/v1/deviations.
 */
export const pageRoles = {
  overview: ['oversight', 'finance'],
  projects: ['oversight', 'finance'],
  warnings: ['department', 'finance', 'auditor', 'oversight'],
  project: ['department', 'finance', 'evaluator', 'auditor', 'oversight'],
} as const satisfies Record<string, readonly Role[]>;

export type PageName = keyof typeof pageRoles;

export const mayOpen = (page: PageName, role: Role | undefined): boolean =>
  role !== undefined && (pageRoles[page] as readonly Role[]).includes(role);

/** The first page a role may open, in menu order; null when the console has nothing for it (evaluator, admin). */
export const homeFor = (role: Role | undefined): PageName | null =>
  (['overview', 'warnings'] as const).find((page) => mayOpen(page, role)) ?? null;
