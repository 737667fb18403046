import { projectDecider, projectStream, type ProjectCommand, type ProjectState } from '@jixiao/domain';
import { WrongExpectedRevisionError, type EventStore, type NewEvent } from '@jixiao/event-store';
import { v5 as uuidv5 } from 'uuid';
import { DomainRefusal } from '../http/problem-details.filter.js';
import { problem } from '../http/problem.js';
import { newId } from '../ids.js';
import type { CommandContext } from './command-context.js';
import { assertMayAccess } from './project-access.js';
import type { ProjectStates } from '@jixiao/projections';
import type { Rulebooks } from './rulebooks.js';

export interface CommandOutcome {
  readonly projectId: string;
  readonly state: ProjectState;
  readonly revision: number;
}

// Namespace for event ids derived from an Idempotency-Key (UUIDv5).
const idempotentIdNamespace = '6f1c7f2e-7a43-4e55-9d35-0f3e1d1b8a90';

/**
 * The one way a project command runs: load the stream, check scope, decide, append
 * with the expected revision. A lost race is retried against fresh state a bounded
 * number of times (never when the caller pinned a revision with If-Match).
 */
export class ProjectCommandExecutor {
  constructor(
    private readonly store: EventStore,
    private readonly projects: ProjectStates,
    private readonly rulebooks: Rulebooks,
    private readonly clock: () => Date,
    private readonly conflictRetries: number,
  ) {}

  async execute(projectId: string, command: ProjectCommand, context: CommandContext): Promise<CommandOutcome> {
    for (let attempt = 0; ; attempt++) {
      const { state, revision } = await this.projects.load(projectId);
      if (context.ifMatch !== undefined && context.ifMatch !== revision) {
        throw preconditionFailed(context.ifMatch, revision);
      }
      if (context.principal.role !== 'system') assertMayAccess(context.principal, state, command);
      const now = this.clock().toISOString();
      const decision = projectDecider.decide(command, state, { now, rulebook: await this.rulebooks.inForce() });
      if (!decision.ok) throw new DomainRefusal(decision.error);

      const events = decision.events.map((event, index): NewEvent => ({
        id: context.idempotencyKey
          ? uuidv5(`${context.principal.id}\n${context.idempotencyKey}\n${index}`, idempotentIdNamespace)
          : newId(),
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data as unknown as NewEvent['data'],
        metadata: {
          actor: { id: context.principal.id, role: context.principal.role, department: context.principal.department ?? null },
          correlationId: context.correlationId,
          causationId: context.causationId ?? context.commandId,
          commandId: context.commandId,
          commandType: command.type,
          occurredAt: now,
          ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
          ...(context.workflow ? { workflow: { ...context.workflow, triggeringEventId: context.causationId ?? null } } : {}),
        },
      }));
      try {
        const result = await this.store.append(projectStream(projectId), events, revision ?? 'no_stream');
        if (result.idempotent) return { projectId, ...(await this.projects.load(projectId)) } as CommandOutcome;
        const next = decision.events.reduce(projectDecider.evolve, state);
        this.projects.remember(projectId, next, result.nextExpectedRevision);
        return { projectId, state: next, revision: result.nextExpectedRevision };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (context.ifMatch !== undefined) throw preconditionFailed(context.ifMatch, error.actual);
        if (attempt >= this.conflictRetries) {
          throw problem(409, 'concurrency-conflict', 'Conflict', `The project kept changing; tried ${attempt + 1} times`, {
            attempts: attempt + 1,
          });
        }
        // Jittered back-off, so writers that collided do not collide again in lockstep.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
      }
    }
  }
}

function preconditionFailed(expected: number, actual: number | undefined) {
  return problem(412, 'precondition-failed', 'Precondition failed', `If-Match was ${expected}; the project is at ${actual ?? 'no revision'}`, {
    expectedRevision: expected,
    actualRevision: actual ?? null,
  });
}
