import type { IdempotencySeed } from './idempotency.js';
import type { IfMatch } from './if-match.js';
import type { Principal, SystemPrincipal } from './principal.js';

/** The seed of a keyed command's derived ids, or undefined when it carries no key. */
export const idempotencySeed = (context: CommandContext): IdempotencySeed | undefined =>
  context.idempotencyKey === undefined ? undefined : { principalId: context.principal.id, key: context.idempotencyKey };

/** What a command carries besides its payload: who sent it, under which correlation, on which condition. */
export interface CommandContext {
  readonly principal: Principal | SystemPrincipal;
  readonly correlationId: string;
  readonly commandId: string;
  /** If-Match: "*", or the stream revision(s) the caller saw (see if-match.ts); when none holds, 412. */
  readonly ifMatch?: IfMatch;
  /** Idempotency-Key: event ids and minted ids derive from it, so a retry can never write twice. */
  readonly idempotencyKey?: string;
  /**
   * What the keyed request was (see requestHash: method, route, body). Recorded on each
   * keyed event; the same key with another hash is refused. Absent for workflow commands.
   */
  readonly requestHash?: string;
  /** The event that caused this command (a process manager's trigger); the command id otherwise. */
  readonly causationId?: string;
  /** Set when a process manager issued the command: which one, and the rulebook it consulted. */
  readonly workflow?: { readonly processManager: string; readonly rulebook: { readonly id: string; readonly version: number } };
}
