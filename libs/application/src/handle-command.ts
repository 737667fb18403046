import type { DecisionOf, DomainError } from '@jixiao/domain';
import { upcast } from '@jixiao/domain';
import { WrongExpectedRevisionError, type EventStore, type JsonObject, type NewEvent, type StoredEvent } from '@jixiao/event-store';
import { idempotencySeed, type CommandContext } from './command-context.js';
import { ifMatchHolds } from './if-match.js';
import { keyedEventId, type IdempotencySeed } from './idempotency.js';
import { newId } from './ids.js';
import { ConcurrencyConflict, DomainRefusal, IdempotencyKeyReused, PreconditionFailed } from './refusals.js';

/** An event as a decider returns it. */
export interface DecidedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: object;
}

/** Any decider shaped like the domain's: `{ initialState, decide, evolve }`, refusals as values. */
export interface Decider<C extends { readonly type: string }, E extends DecidedEvent, S, X> {
  readonly initialState: S;
  decide(command: C, state: S, context: X): DecisionOf<E> | { ok: false; error: DomainError };
  evolve(state: S, event: E): S;
}

export interface Loaded<S> {
  readonly state: S;
  /** undefined when the stream does not exist yet. */
  readonly revision: number | undefined;
}

export interface HandleCommand<C extends { readonly type: string }, E extends DecidedEvent, S, X> {
  readonly store: EventStore;
  readonly decider: Decider<C, E, S, X>;
  readonly stream: string;
  readonly command: C;
  readonly context: CommandContext;
  /** Entry time (occurredAt); never business time, which the command carries itself. */
  readonly clock: () => Date;
  /** Loads the state to decide against; by default the stream folded with upcast and evolve. */
  readonly load?: () => Promise<Loaded<S>>;
  /** Scope check on the loaded state, before anything else is revealed; throws AccessRefused. */
  readonly authorise?: (state: S) => void;
  /** The decider's context for this instant, and metadata that names what it used (the rulebook, §6.4). */
  readonly decideContext: (state: S, now: string) => Promise<{ readonly context: X; readonly metadata?: JsonObject }>;
  /** Told the state a successful append produced (a cache saving the next load a read). */
  readonly remember?: (state: S, revision: number) => void;
  /** Attempts after a lost optimistic-concurrency race, before ConcurrencyConflict. Default 10. */
  readonly retries?: number;
}

/** What a command did: the stream, its revision after the command, and the events it appended. */
export interface CommandResult<S> {
  readonly stream: string;
  readonly revision: number;
  readonly events: ReadonlyArray<{ readonly type: string; readonly data: object }>;
  /** True when a keyed retry was answered from the events its first attempt appended. */
  readonly replayed: boolean;
  /** The state after the command; absent on a replay, which decides nothing. */
  readonly state?: S;
}

/**
 * The one way a command runs, for any decider and any stream:
 *
 *   load → authorise → (keyed: find the first attempt's events) → If-Match → decide → append
 *
 * - Authorisation comes before If-Match, so a caller out of scope learns nothing (403),
 *   and a project that does not exist is the decider's 404 rather than a 412.
 * - A keyed command (Idempotency-Key) looks up its derived event ids (`findByIds`, an index
 *   lookup) before deciding, and a hit rebuilds the first answer; a hit recorded for
 *   another request is IdempotencyKeyReused. Its events record the request hash.
 * - A lost race is retried against fresh state with jittered back-off, a bounded number
 *   of times; under If-Match only while the condition still holds ("*", or a list naming
 *   the new revision), else PreconditionFailed.
 *
 * Throws DomainRefusal, AccessRefused (from `authorise`), PreconditionFailed,
 * ConcurrencyConflict, IdempotencyKeyReused, or the store's own errors. A refusal writes nothing.
 */
export async function handleCommand<C extends { readonly type: string }, E extends DecidedEvent, S, X>(
  input: HandleCommand<C, E, S, X>,
): Promise<CommandResult<S>> {
  const { store, decider, stream, command, context } = input;
  const seed = idempotencySeed(context);
  const load = input.load ?? (() => foldStream(store, stream, decider));
  const retries = input.retries ?? 10;
  for (let attempt = 0; ; attempt++) {
    const { state, revision } = await load();
    input.authorise?.(state);
    if (seed) {
      const first = await findFirstAttempt<S>(store, stream, seed, context.requestHash);
      if (first) return first;
    }
    if (context.ifMatch !== undefined && revision !== undefined && !ifMatchHolds(context.ifMatch, revision)) {
      throw new PreconditionFailed(context.ifMatch, revision);
    }
    const now = input.clock().toISOString();
    const prepared = await input.decideContext(state, now);
    const decision = decider.decide(command, state, prepared.context);
    if (!decision.ok) throw new DomainRefusal(decision.error);
    // Only now: a missing stream is the decider's not-found first, If-Match's 412 second.
    if (context.ifMatch !== undefined && revision === undefined) throw new PreconditionFailed(context.ifMatch, undefined);
    const decided = decision.events as E[];
    if (decided.length === 0) return { stream, revision: revision ?? -1, events: [], replayed: false, state };

    const metadata = commandMetadata(command.type, context, now, prepared.metadata);
    const events = decided.map((event, index): NewEvent => ({
      id: seed ? keyedEventId(seed, index) : newId(),
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data as JsonObject,
      metadata,
    }));
    try {
      const result = await store.append(stream, events, revision ?? 'no_stream');
      if (result.idempotent && seed) {
        // A twin with the same key appended first: its events are the answer.
        const first = await findFirstAttempt<S>(store, stream, seed, context.requestHash);
        if (first) return first;
      }
      const next = decided.reduce(decider.evolve, state);
      input.remember?.(next, result.nextExpectedRevision);
      return {
        stream,
        revision: result.nextExpectedRevision,
        events: decided.map(({ type, data }) => ({ type, data })),
        replayed: false,
        state: next,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // A race lost under If-Match is a 412 unless the condition still holds ("*", or a list naming the new revision).
      if (context.ifMatch !== undefined && !ifMatchHolds(context.ifMatch, error.actual)) throw new PreconditionFailed(context.ifMatch, error.actual);
      if (attempt >= retries) throw new ConcurrencyConflict(stream, attempt + 1);
      // Jittered back-off, so writers that collided do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
    }
  }
}

/** The metadata every event of one command carries (who, why, when, and under which rules). */
function commandMetadata(commandType: string, context: CommandContext, now: string, extra: JsonObject = {}): JsonObject {
  const { principal } = context;
  return {
    // name: the person or system the token was issued to, so the history says who acted.
    actor: { id: principal.id, role: principal.role, department: principal.department ?? null, name: 'issuedTo' in principal ? principal.issuedTo : principal.label },
    correlationId: context.correlationId,
    causationId: context.causationId ?? context.commandId,
    commandId: context.commandId,
    commandType,
    occurredAt: now,
    ...(context.idempotencyKey !== undefined ? { idempotencyKey: context.idempotencyKey } : {}),
    ...(context.requestHash !== undefined ? { requestHash: context.requestHash } : {}),
    ...(context.workflow ? { workflow: { ...context.workflow, triggeringEventId: context.causationId ?? null } } : {}),
    ...extra,
  };
}

/**
 * The events a keyed command's first attempt appended, found by their derived ids: the
 * first by id (an index lookup), the rest forward from it while the ids keep deriving.
 * Events an earlier release stored carry no request hash and are taken as the same request.
 */
async function findFirstAttempt<S>(
  store: EventStore,
  stream: string,
  seed: IdempotencySeed,
  hash: string | undefined,
): Promise<CommandResult<S> | undefined> {
  const [first] = await store.findByIds([keyedEventId(seed, 0)], { stream });
  if (!first) return undefined;
  const recorded = first.metadata['requestHash'];
  if (first.stream !== stream || (hash !== undefined && typeof recorded === 'string' && recorded !== hash)) {
    throw new IdempotencyKeyReused(seed.key);
  }
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(stream, { fromRevision: first.revision })) {
    if (event.id !== keyedEventId(seed, events.length)) break;
    events.push(event);
  }
  return {
    stream,
    revision: events[events.length - 1]!.revision,
    events: events.map(({ type, data }) => ({ type, data })),
    replayed: true,
  };
}

/** A stream folded from its first event, each event upcast first. */
async function foldStream<S, E extends DecidedEvent>(
  store: EventStore,
  stream: string,
  decider: { readonly initialState: S; evolve(state: S, event: E): S },
): Promise<Loaded<S>> {
  if ((await store.streamRevision(stream)) === undefined) return { state: decider.initialState, revision: undefined };
  let state = decider.initialState;
  let revision: number | undefined;
  for await (const stored of store.readStream(stream)) {
    state = decider.evolve(state, upcast(stored) as unknown as E);
    revision = stored.revision;
  }
  return { state, revision };
}
