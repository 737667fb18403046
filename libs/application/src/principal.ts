/** Who may do what. A department's writes and reads stop at its own projects; an evaluator's at assigned ones. */
export const roles = ['department', 'finance', 'evaluator', 'auditor', 'oversight', 'admin'] as const;
export type Role = (typeof roles)[number];

/** The caller behind a bearer token. */
export interface Principal {
  /** Stable id of the caller; for an evaluator, the id projects are assigned to. */
  readonly id: string;
  readonly role: Role;
  /** Set for the department role only. */
  readonly department?: string;
  readonly label: string;
}

/** The actor behind a workflow process manager's command: role 'system', never issued as a token nor allowed on a route. */
export interface SystemPrincipal {
  readonly id: string;
  readonly role: 'system';
  readonly department?: undefined;
  readonly label: string;
}
