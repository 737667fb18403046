import { projectDecider, projectStream, upcast, type ProjectEvent, type ProjectState } from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';

export interface LoadedProject {
  readonly state: ProjectState;
  /** undefined when the project's stream does not exist yet. */
  readonly revision: number | undefined;
}

/**
 * A project's current state: its stream folded with the domain's evolve when asked,
 * never a copy kept on the side. The command handlers decide against it and the process
 * managers react with it. Folded states are cached by revision, so a load reads only
 * the events appended since the last one.
 */
export class ProjectStates {
  private readonly cache = new Map<string, { state: ProjectState; revision: number }>();

  constructor(
    private readonly store: EventStore,
    private readonly capacity = 20_000,
  ) {}

  async load(projectId: string): Promise<LoadedProject> {
    const stream = projectStream(projectId);
    const head = await this.store.streamRevision(stream);
    if (head === undefined) return { state: projectDecider.initialState, revision: undefined };
    const cached = this.cache.get(projectId);
    let state = cached && cached.revision <= head ? cached.state : projectDecider.initialState;
    let revision = cached && cached.revision <= head ? cached.revision : -1;
    if (revision < head) {
      for await (const stored of this.store.readStream(stream, { fromRevision: revision + 1 })) {
        state = projectDecider.evolve(state, upcast(stored) as ProjectEvent);
        revision = stored.revision;
      }
    }
    this.remember(projectId, state, revision);
    return { state, revision };
  }

  /** Records the state a successful append produced, saving the next load a read. */
  remember(projectId: string, state: ProjectState, revision: number): void {
    this.cache.delete(projectId);
    this.cache.set(projectId, { state, revision });
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
  }
}
