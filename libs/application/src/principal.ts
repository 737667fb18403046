/** Who may do what. A department's writes and reads stop at its own projects; an evaluator's at assigned ones. */
export const roles = ['department', 'finance', 'evaluator', 'auditor', 'oversight', 'operator', 'admin'] as const;
export type Role = (typeof roles)[number];

/** The caller behind a bearer token. */
export interface Principal {
  /** Stable id of the caller; for an evaluator, the id projects are assigned to. */
  readonly id: string;
  readonly role: Role;
  /** Set for the department role only. */
  readonly department?: string;
  readonly label: string;
  /** The person or system the token was issued to (its holder); the actor's name in the audit history. */
  readonly issuedTo: string;
  /** The token's id, never its secret: what a revocation names. Absent for principals no token stands behind (the seed). */
  readonly tokenId?: string;
}

/** The actor behind a workflow process manager's command: role 'system', never issued as a token nor allowed on a route. */
export interface SystemPrincipal {
  readonly id: string;
  readonly role: 'system';
  readonly department?: undefined;
  readonly label: string;
}
