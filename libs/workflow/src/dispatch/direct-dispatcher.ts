import { DomainRefusal, ProjectCommands } from '@jixiao/application';
import { dispatchContext, type CommandDispatcher, type DispatchContext, type DispatchOutcome, type WorkflowCommand } from '../ports/command-dispatcher.js';

/**
 * A dispatcher without Nest: the command goes straight to @jixiao/application's
 * ProjectCommands, the same handleCommand the api's CommandBus handler calls. Used by
 * the worker, the library's tests and the simulation. Event ids derive from the
 * idempotency key, so a re-issued command is answered from what the first one wrote.
 */
export class DirectCommandDispatcher implements CommandDispatcher {
  constructor(
    private readonly commands: ProjectCommands,
    /** Acts as this person instead of the process manager (tests seeding people's commands). */
    private readonly person?: { id: string; role: string; department: string | null },
  ) {}

  async dispatch(command: WorkflowCommand, context: DispatchContext): Promise<DispatchOutcome> {
    try {
      await this.commands.run(command, dispatchContext(context, this.person));
      return { ok: true };
    } catch (error) {
      if (!(error instanceof DomainRefusal)) throw error;
      return { ok: false, refusal: { kind: error.error.kind, ruleId: error.error.ruleId, message: error.error.message.en } };
    }
  }
}
