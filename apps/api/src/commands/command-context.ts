import type { Principal, SystemPrincipal } from '../auth/principal.js';

/** What a command carries besides its payload: who sent it, under which correlation, on which condition. */
export interface CommandContext {
  readonly principal: Principal | SystemPrincipal;
  readonly correlationId: string;
  readonly commandId: string;
  /** If-Match: the stream revision the caller saw; a mismatch answers 412. */
  readonly ifMatch?: number;
  /** Idempotency-Key: event ids derive from it, so a retry can never write twice. */
  readonly idempotencyKey?: string;
  /** The event that caused this command (a process manager's trigger); the command id otherwise. */
  readonly causationId?: string;
  /** Set when a process manager issued the command: which one, and the rulebook it consulted. */
  readonly workflow?: { readonly processManager: string; readonly rulebook: { readonly id: string; readonly version: number } };
}
