import type { CommandBus } from '@nestjs/cqrs';
import { DomainRefusal, type ProjectCommandResult } from '@jixiao/application';
import { dispatchContext, type CommandDispatcher, type DispatchContext, type DispatchOutcome, type WorkflowCommand } from '@jixiao/workflow';
import { ProjectCommandMessage } from '../commands/project-command.handler.js';

/**
 * Process managers' commands onto the @nestjs/cqrs CommandBus: the same message and
 * handler as an HTTP request, so the same handleCommand. The actor is the system
 * principal `workflow:<pm>`, the causation the triggering event, the idempotency key
 * stable across redeliveries. A domain refusal comes back as a value; anything else throws.
 */
export class CommandBusDispatcher implements CommandDispatcher {
  constructor(private readonly bus: CommandBus) {}

  async dispatch(command: WorkflowCommand, context: DispatchContext): Promise<DispatchOutcome> {
    try {
      await this.bus.execute<ProjectCommandMessage, ProjectCommandResult>(new ProjectCommandMessage(command, dispatchContext(context)));
      return { ok: true };
    } catch (error) {
      if (error instanceof DomainRefusal) {
        return { ok: false, refusal: { kind: error.error.kind, ruleId: error.error.ruleId, message: error.error.message.en } };
      }
      throw error;
    }
  }
}
