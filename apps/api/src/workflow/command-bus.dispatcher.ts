import type { CommandBus } from '@nestjs/cqrs';
import type { ProjectCommand } from '@jixiao/domain';
import { workflowActor, type CommandDispatcher, type DispatchContext, type DispatchOutcome, type WorkflowCommand } from '@jixiao/workflow';
import {
  ApplyResultCommand,
  AssessLightsCommand,
  CutBudgetCommand,
  EscalateDeviationCommand,
  FlagDeviationCommand,
  FlagReadingOverdueCommand,
  GrantIncentiveCommand,
  OrderRectificationCommand,
  ResolveDeviationCommand,
  TakeAccountabilityActionCommand,
} from '../commands/project-command.handlers.js';
import type { CommandContext } from '../commands/command-context.js';
import { DomainRefusal } from '../http/problem-details.filter.js';

type MessageClass = new (projectId: string, command: never, context: CommandContext) => object;

/** The commands process managers issue, each with its CommandBus message. */
const messages: Partial<Record<ProjectCommand['type'], MessageClass>> = {
  FlagDeviation: FlagDeviationCommand,
  ResolveDeviation: ResolveDeviationCommand,
  EscalateDeviation: EscalateDeviationCommand,
  FlagReadingOverdue: FlagReadingOverdueCommand,
  AssessLights: AssessLightsCommand,
  ApplyResult: ApplyResultCommand,
  CutBudget: CutBudgetCommand,
  GrantIncentive: GrantIncentiveCommand,
  OrderRectification: OrderRectificationCommand,
  TakeAccountabilityAction: TakeAccountabilityActionCommand,
};

/**
 * Process managers' commands onto the @nestjs/cqrs CommandBus: the same handlers, the
 * same load–decide–append as an HTTP request. The actor is the system principal
 * `workflow:<pm>`, the causation the triggering event, the idempotency key stable
 * across redeliveries. A domain refusal comes back as a value; anything else throws.
 */
export class CommandBusDispatcher implements CommandDispatcher {
  constructor(private readonly bus: CommandBus) {}

  async dispatch({ projectId, command }: WorkflowCommand, context: DispatchContext): Promise<DispatchOutcome> {
    const Message = messages[command.type];
    if (!Message) throw new Error(`No CommandBus message for ${command.type}`);
    const commandContext: CommandContext = {
      principal: workflowActor(context.processManager),
      correlationId: context.correlationId,
      commandId: context.idempotencyKey,
      idempotencyKey: context.idempotencyKey,
      causationId: context.causationId,
      workflow: { processManager: context.processManager, rulebook: context.rulebook },
    };
    try {
      await this.bus.execute(new Message(projectId, command as never, commandContext));
      return { ok: true };
    } catch (error) {
      if (error instanceof DomainRefusal) {
        return { ok: false, refusal: { kind: error.error.kind, ruleId: error.error.ruleId, message: error.error.message.en } };
      }
      throw error;
    }
  }
}
