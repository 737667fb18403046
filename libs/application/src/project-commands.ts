import { fiscalYearOfCommand, projectDecider, projectStream, rulebookRef, type ProjectCommand, type ProjectState, type Rulebook } from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';
import { assertMayAccess } from './access/project-access.js';
import { idempotencySeed, type CommandContext } from './command-context.js';
import { handleCommand, type CommandResult } from './handle-command.js';
import { minterFor, type Mint } from './idempotency.js';
import type { ProjectStates } from './project-states.js';

/** Where the pipeline finds the rulebook in force (Rulebooks; a fixed one in library tests). */
export interface RulebookSource {
  rulebookFor(division: string, at: string): Promise<Rulebook>;
}

/** A project command addressed to its project. */
export interface AddressedCommand {
  readonly projectId: string;
  readonly command: ProjectCommand;
}

/**
 * What a project command answers (DESIGN §6.1): small, bounded, and rebuilt from the
 * stored events on a keyed retry. The whole project stays at GET /projects/:id.
 */
export interface ProjectCommandAnswer {
  readonly projectId: string;
  /** The stream revision after the command: the next If-Match, quoted as the ETag. */
  readonly revision: number;
  readonly events: ReadonlyArray<{ readonly type: string; readonly data: object }>;
}

export interface ProjectCommandResult extends ProjectCommandAnswer {
  readonly replayed: boolean;
  /** The project after the command; absent on a replay. */
  readonly state?: ProjectState;
}

/**
 * Every project command, from any entry point (api, workflow, CLI): the project decider
 * through handleCommand, with the project's scope rules as the authorise hook and the
 * rulebook in force for the project's division recorded in each event's metadata (§6.4),
 * with the fiscal year the event belongs to (`fiscalYear`).
 */
export class ProjectCommands {
  constructor(
    private readonly store: EventStore,
    readonly projects: ProjectStates,
    readonly rulebooks: RulebookSource,
    private readonly clock: () => Date,
    private readonly conflictRetries = 10,
  ) {}

  /**
   * Runs one command. `build` receives the minter for ids the server chooses, derived
   * from the Idempotency-Key when there is one, so a retry names the same project,
   * reading or cut. Throws the refusals of handleCommand.
   */
  async run(build: AddressedCommand | ((mint: Mint) => AddressedCommand), context: CommandContext): Promise<ProjectCommandResult> {
    const { projectId, command } = typeof build === 'function' ? build(minterFor(idempotencySeed(context))) : build;
    const result: CommandResult<ProjectState> = await handleCommand({
      store: this.store,
      decider: projectDecider,
      stream: projectStream(projectId),
      command,
      context,
      clock: this.clock,
      retries: this.conflictRetries,
      load: () => this.projects.load(projectId),
      authorise: (state) => assertMayAccess(context.principal, state, command),
      decideContext: async (state, now) => {
        const division = state.exists ? state.department : command.type === 'ProposeProject' ? command.department : '';
        const rulebook = await this.rulebooks.rulebookFor(division, now);
        // Every event carries its fiscal year (the year a proposal or a new cycle names, else the current one).
        return { context: { now, rulebook }, metadata: { rulebook: { ...rulebookRef(rulebook) }, fiscalYear: fiscalYearOfCommand(command, state) } };
      },
      remember: (state, revision) => this.projects.remember(projectId, state, revision),
    });
    return {
      projectId,
      revision: result.revision,
      events: result.events,
      replayed: result.replayed,
      ...(result.state ? { state: result.state } : {}),
    };
  }
}

/** The answer's body: what a client gets, the same on the first attempt and on a keyed retry. */
export const commandAnswer = ({ projectId, revision, events }: ProjectCommandAnswer): ProjectCommandAnswer => ({
  projectId,
  revision,
  events: events.map(({ type, data }) => ({ type, data })),
});
