import type { CommandContext, Principal, SystemPrincipal } from '@jixiao/application';
import type { ProjectCommand, RulebookRef } from '@jixiao/domain';

/** A command a process manager issues, addressed to one project. */
export interface WorkflowCommand {
  readonly projectId: string;
  readonly command: ProjectCommand;
}

/** Who issued a command and why: the process manager, the triggering event, the rule. */
export interface DispatchContext {
  /** Name of the process manager; the actor is the system principal `workflow:<name>`. */
  readonly processManager: string;
  /** The triggering event's id: the causation of every event the command produces. */
  readonly causationId: string;
  /** Carried over from the triggering event's metadata. */
  readonly correlationId: string;
  /** Stable across redeliveries of the trigger, so the store keeps only the first write. */
  readonly idempotencyKey: string;
  /** The rulebook the process manager consulted when it decided to issue the command. */
  readonly rulebook: RulebookRef;
  /** The global position of the triggering event. */
  readonly triggerPosition: number;
}

/** A refusal by the domain: the command is no longer valid, so it is recorded and skipped. */
export interface Refusal {
  readonly kind: string;
  readonly ruleId: string;
  readonly message: string;
}

export type DispatchOutcome = { readonly ok: true } | { readonly ok: false; readonly refusal: Refusal };

/**
 * The port through which process managers issue commands: the CommandBus in the api and
 * the worker, a store-backed decider in library tests and the simulation. A domain
 * refusal resolves to `{ ok: false }`; anything else (the store is down) rejects, and
 * the runner stops without advancing its checkpoint.
 */
export interface CommandDispatcher {
  dispatch(command: WorkflowCommand, context: DispatchContext): Promise<DispatchOutcome>;
}

/** The system principal a process manager acts as. Never a token: it exists only as an actor. */
export const workflowActor = (processManager: string) => ({
  id: `workflow:${processManager}`,
  role: 'system' as const,
  label: `workflow process manager ${processManager}`,
});

/**
 * The command context of a process manager's command: the system principal (or, in
 * tests that seed people's commands, that person), the trigger as causation, and the
 * key that keeps a redelivery from writing twice.
 */
export function dispatchContext(context: DispatchContext, person?: { id: string; role: string; department: string | null }): CommandContext {
  const principal: Principal | SystemPrincipal = person
    ? ({ id: person.id, role: person.role, label: person.id, ...(person.department ? { department: person.department } : {}) } as Principal)
    : workflowActor(context.processManager);
  return {
    principal,
    correlationId: context.correlationId,
    commandId: context.idempotencyKey,
    idempotencyKey: context.idempotencyKey,
    causationId: context.causationId,
    ...(person ? {} : { workflow: { processManager: context.processManager, rulebook: context.rulebook } }),
  };
}
