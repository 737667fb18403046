import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ProjectCommands, type AddressedCommand, type CommandContext, type Mint, type ProjectCommandResult } from '@jixiao/application';

/**
 * The one CommandBus message for every project command: the command (or how to build
 * it from server-minted ids) and its context. The command's own `type` names it; there
 * is no class per command, because the decide per command lives in the domain's table.
 */
export class ProjectCommandMessage {
  constructor(
    readonly command: AddressedCommand | ((mint: Mint) => AddressedCommand),
    readonly context: CommandContext,
  ) {}
}

/** Runs every project command through @jixiao/application (load → authorise → decide → append). */
@CommandHandler(ProjectCommandMessage)
export class ProjectCommandHandler implements ICommandHandler<ProjectCommandMessage, ProjectCommandResult> {
  constructor(private readonly commands: ProjectCommands) {}

  execute(message: ProjectCommandMessage): Promise<ProjectCommandResult> {
    return this.commands.run(message.command, message.context);
  }
}
