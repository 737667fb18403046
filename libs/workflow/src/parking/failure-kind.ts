import { isDomainError } from '@jixiao/domain';
import { BatchTooLargeError, DuplicateEventIdError, EventTooLargeError, InvalidEventError, InvalidStreamNameError } from '@jixiao/event-store';
import { AccessRefused, DomainRefusal, IdempotencyKeyReused } from '@jixiao/application';

/**
 * Whether a failed reaction would fail the same way if tried again (deterministic) or
 * might pass later (transient: the store or database unreachable, a lock, a timeout).
 *
 * Deterministic (issue 11): a domain refusal or domain error, a stream name or event the
 * store cannot hold (invalid name, too large, invalid, duplicate id), a validation error,
 * an idempotency key reused with another body, a scope refusal, and a programming error
 * in the reaction itself (TypeError, RangeError: the same event meets the same code).
 * A deterministic failure is parked at once; a transient one is retried with back-off.
 */
export type FailureKind = 'deterministic' | 'transient';

export function failureKind(error: unknown): FailureKind {
  if (
    error instanceof DomainRefusal ||
    isDomainError(error) ||
    error instanceof InvalidStreamNameError ||
    error instanceof InvalidEventError ||
    error instanceof EventTooLargeError ||
    error instanceof BatchTooLargeError ||
    error instanceof DuplicateEventIdError ||
    error instanceof IdempotencyKeyReused ||
    error instanceof AccessRefused ||
    error instanceof TypeError ||
    error instanceof RangeError
  ) {
    return 'deterministic';
  }
  // class-validator's ValidationError (and any error named so) is a property of the input.
  if (error instanceof Error && error.name === 'ValidationError') return 'deterministic';
  return 'transient';
}

/** A short, bounded text of an error for a parked row (the whole stack goes to the log). */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
