import { defaultRulebook, nationalRulebook2020, rulebookDecider, rulebookStream, type Rulebook } from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';

/**
 * The rulebook in force: the latest published version of the configured rulebook
 * (national-2020's stream, as before, so an installation that published its own version
 * keeps it); until one is published, the built-in default practice-2026 v1 (issue 15).
 */
export class Rulebooks {
  private current: Rulebook = defaultRulebook;
  private revision: number | undefined;

  constructor(
    private readonly store: EventStore,
    readonly rulebookId = nationalRulebook2020.id,
  ) {}

  async inForce(): Promise<Rulebook> {
    const head = await this.store.streamRevision(rulebookStream(this.rulebookId));
    if (head !== undefined && head !== this.revision) {
      let state = rulebookDecider.initialState;
      for await (const event of this.store.readStream(rulebookStream(this.rulebookId))) {
        state = rulebookDecider.evolve(state, event as never);
      }
      this.current = state.current ?? defaultRulebook;
      this.revision = head;
    }
    return this.current;
  }
}
