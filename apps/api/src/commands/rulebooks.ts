import { nationalRulebook2020, rulebookDecider, rulebookStream, type Rulebook } from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';

/** The rulebook in force: the latest published version of the configured rulebook, national-2020 until one is published. */
export class Rulebooks {
  private current: Rulebook = nationalRulebook2020;
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
      this.current = state.current ?? nationalRulebook2020;
      this.revision = head;
    }
    return this.current;
  }
}
