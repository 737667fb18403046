import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import { v5 as uuidv5 } from 'uuid';
import { newId } from './ids.js';

/**
 * Idempotency from events (DESIGN §6.1). An Idempotency-Key, with the principal who sent
 * it, derives the id of every event the command appends and every id the server mints
 * for it (a new project, reading, expenditure, evaluation, rectification, cut). A retry
 * therefore decides the same events under the same ids: the store keeps the first, and
 * handleCommand finds them by id before deciding and answers from them.
 *
 * The derivation of event ids is the one the api used before this module existed, so
 * events stored by an earlier release are found by a retry of theirs.
 */

// Namespace for ids derived from an Idempotency-Key (UUIDv5, RFC 9562 §5.5).
const idempotentIdNamespace = '6f1c7f2e-7a43-4e55-9d35-0f3e1d1b8a90';

/** Who sent a keyed command, and the key: the seed of every derived id. */
export interface IdempotencySeed {
  readonly principalId: string;
  readonly key: string;
}

/** The id of the `index`-th event a keyed command appends. */
export const keyedEventId = ({ principalId, key }: IdempotencySeed, index: number): string =>
  uuidv5(`${principalId}\n${key}\n${index}`, idempotentIdNamespace);

/** Mints an id the server chooses (a new project's, a reading's…), named by what it identifies. */
export type Mint = (name: string) => string;

/** Derived from the key when there is one, so a retry mints the same id; a fresh UUIDv7 otherwise. */
export const minterFor = (seed: IdempotencySeed | undefined): Mint =>
  seed ? (name) => uuidv5(`${seed.principalId}\n${seed.key}\nmint:${name}`, idempotentIdNamespace) : () => newId();

/**
 * What a keyed request was: SHA-256 over method, route and body (canonical JSON), hex.
 * Each keyed event records it; the same key with another hash is refused (422).
 */
export const requestHash = (method: string, route: string, body: unknown): string =>
  createHash('sha256').update(`${method} ${route}\n${stringify(body ?? null)}`).digest('hex');

