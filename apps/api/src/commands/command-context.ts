import type { Principal } from '../auth/principal.js';

/** What a command carries besides its payload: who sent it, under which correlation, on which condition. */
export interface CommandContext {
  readonly principal: Principal;
  readonly correlationId: string;
  readonly commandId: string;
  /** If-Match: the stream revision the caller saw; a mismatch answers 412. */
  readonly ifMatch?: number;
  /** Idempotency-Key: event ids derive from it, so a retry can never write twice. */
  readonly idempotencyKey?: string;
}
