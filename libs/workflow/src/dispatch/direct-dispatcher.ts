import { projectDecider, projectStream, type Rulebook } from '@jixiao/domain';
import { WrongExpectedRevisionError, type EventStore, type JsonObject, type NewEvent } from '@jixiao/event-store';
import { v5 as uuidv5 } from 'uuid';
import { ProjectStates } from '@jixiao/projections';
import { workflowActor, type CommandDispatcher, type DispatchContext, type DispatchOutcome, type WorkflowCommand } from '../ports/command-dispatcher.js';

// The api's namespace for event ids derived from an idempotency key, so both paths derive the same ids.
const idempotentIdNamespace = '6f1c7f2e-7a43-4e55-9d35-0f3e1d1b8a90';

/**
 * A dispatcher without Nest: load, decide, append — the api executor's three steps —
 * straight on the store. Used by the library's tests, the simulation and any process
 * that has the store but no CommandBus. Event ids derive from the idempotency key as
 * in the api, so a re-issued command writes nothing.
 */
export class DirectCommandDispatcher implements CommandDispatcher {
  private readonly states: ProjectStates;

  constructor(
    private readonly store: EventStore,
    private readonly rulebook: () => Promise<Rulebook>,
    private readonly clock: () => Date,
    states?: ProjectStates,
    /** Acts as this person instead of the process manager (tests seeding people's commands). */
    private readonly person?: { id: string; role: string; department: string | null },
  ) {
    this.states = states ?? new ProjectStates(store);
  }

  async dispatch({ projectId, command }: WorkflowCommand, context: DispatchContext): Promise<DispatchOutcome> {
    const actor = this.person ?? workflowActor(context.processManager);
    for (let attempt = 0; ; attempt++) {
      const { state, revision } = await this.states.load(projectId);
      const now = this.clock().toISOString();
      const rulebook = await this.rulebook();
      const decision = projectDecider.decide(command, state, { now, rulebook });
      if (!decision.ok) return { ok: false, refusal: { kind: decision.error.kind, ruleId: decision.error.ruleId, message: decision.error.message.en } };
      const events = decision.events.map(
        (event, index): NewEvent => ({
          id: uuidv5(`${actor.id}\n${context.idempotencyKey}\n${index}`, idempotentIdNamespace),
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data as unknown as JsonObject,
          metadata: {
            actor: { id: actor.id, role: actor.role, department: this.person?.department ?? null },
            correlationId: context.correlationId,
            causationId: context.causationId,
            commandId: context.idempotencyKey,
            commandType: command.type,
            occurredAt: now,
            idempotencyKey: context.idempotencyKey,
            ...(this.person ? {} : { workflow: { processManager: context.processManager, triggeringEventId: context.causationId, rulebook: { id: rulebook.id, version: rulebook.version } } }),
          },
        }),
      );
      try {
        const result = await this.store.append(projectStream(projectId), events, revision ?? 'no_stream');
        if (!result.idempotent) this.states.remember(projectId, decision.events.reduce(projectDecider.evolve, state), result.nextExpectedRevision);
        return { ok: true };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= 20) throw error;
      }
    }
  }
}
