import { expectedOf, type IfMatch } from './if-match.js';
import type { DomainError } from '@jixiao/domain';

/**
 * Why the command side refused a command, as values the edges map: the api to
 * problem+json (DomainRefusal by its kind, 412, 409, 403, 422), the workflow to a
 * recorded refusal, the CLI to a message. None of them carries HTTP; a refused
 * command has written no event.
 */

/** The decider refused: carries the domain's own error (kind, ruleId, both languages). */
export class DomainRefusal extends Error {
  constructor(readonly error: DomainError) {
    super(error.message.en);
    this.name = 'DomainRefusal';
  }
}

/** If-Match named no revision the stream is at ("*": the stream does not exist). */
export class PreconditionFailed extends Error {
  /** One revision as a number, a list as an array, or "*". */
  readonly expectedRevision: number | readonly number[] | '*';
  constructor(
    ifMatch: IfMatch,
    /** undefined when the stream does not exist. */
    readonly actualRevision: number | undefined,
  ) {
    const expected = expectedOf(ifMatch);
    super(`If-Match was ${JSON.stringify(expected)}; the stream is at ${actualRevision ?? 'no revision'}`);
    this.expectedRevision = expected;
    this.name = 'PreconditionFailed';
  }
}

/** The stream kept changing under the command; the bounded retries did not clear it. */
export class ConcurrencyConflict extends Error {
  constructor(
    readonly stream: string,
    readonly attempts: number,
  ) {
    super(`The project kept changing; tried ${attempts} times`);
    this.name = 'ConcurrencyConflict';
  }
}

/** The caller's role may send the command, but not to this project (scope). */
export class AccessRefused extends Error {
  constructor(
    /** Stable reason: 'forbidden-department' or 'forbidden-unassigned'. */
    readonly reason: 'forbidden-department' | 'forbidden-unassigned',
    detail: string,
  ) {
    super(detail);
    this.name = 'AccessRefused';
  }
}

/** An Idempotency-Key already used by this caller for another request (method, route or body). */
export class IdempotencyKeyReused extends Error {
  constructor(readonly key: string) {
    super('This Idempotency-Key was used with a different request body');
    this.name = 'IdempotencyKeyReused';
  }
}
