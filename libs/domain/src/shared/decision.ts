import { DomainError } from './domain-error.js';

/** What `decide` returns: the events to append, or why nothing may be appended. */
export type Decision<E> = { ok: true; events: E[] } | { ok: false; error: DomainError };

export const accept = <E>(...events: E[]): Decision<E> => ({ ok: true, events });

export const refuse = <E = never>(error: DomainError): Decision<E> => ({ ok: false, error });
