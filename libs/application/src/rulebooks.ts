import {
  defaultRulebook,
  nationalRulebook2020,
  practiceRulebook2026,
  practiceRulebook2027,
  rulebookDecider,
  rulebookStream,
  upcast,
  type Rulebook,
  type RulebookEvent,
  type RulebookState,
} from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';

/** A rulebook stream folded once: its state, its revision, and when each version was published. */
export interface LoadedRulebooks {
  readonly state: RulebookState;
  /** undefined when nothing has been published under this id. */
  readonly revision: number | undefined;
  /** publishedAt (ISO-8601 UTC) of each version in `state.versions`, same order. */
  readonly publishedAt: readonly string[];
}

/**
 * The rulebooks (规则库) in force, read from their streams: the one fold of a rulebook
 * stream (upcast, then the rulebook decider's evolve), cached by revision. national-2020
 * version 1 is built in and needs no publishing (财预〔2020〕10号); so are practice-2026
 * version 1 (its monitoring lights by deployed practice) and practice-2027 version 1
 * (10号's result policy as data), the built-in default in force while the configured
 * rulebook (JIXIAO_RULEBOOK, national-2020 unless set) has no published version. A
 * configured built-in id other than national-2020 runs that built-in version 1 until a
 * version of it is published.
 */
export class Rulebooks {
  private readonly cache = new Map<string, LoadedRulebooks>();

  constructor(
    private readonly store: EventStore,
    readonly rulebookId = nationalRulebook2020.id,
    /**
     * Which rulebook a division (行政区划: the budget level a project belongs to) follows.
     * Every division follows `rulebookId` unless named here.
     */
    private readonly divisions: Readonly<Record<string, string>> = {},
  ) {}

  /** Folds a rulebook stream; reads only when its revision moved. */
  async load(rulebookId = this.rulebookId): Promise<LoadedRulebooks> {
    const stream = rulebookStream(rulebookId);
    const head = await this.store.streamRevision(stream);
    const cached = this.cache.get(rulebookId);
    if (cached && cached.revision === head) return cached;
    let state = rulebookDecider.initialState;
    const publishedAt: string[] = [];
    if (head !== undefined) {
      for await (const stored of this.store.readStream(stream)) {
        const event = upcast(stored) as RulebookEvent;
        state = rulebookDecider.evolve(state, event);
        publishedAt.push(event.data.publishedAt);
      }
    }
    const loaded = { state, revision: head, publishedAt };
    // Only published rulebooks are kept: ids from a query string must not grow the cache.
    if (head !== undefined) this.cache.set(rulebookId, loaded);
    return loaded;
  }

  /** The latest published version of the configured rulebook (until one is published, the fallback below). */
  async inForce(): Promise<Rulebook> {
    return (await this.load()).state.current ?? fallback(this.rulebookId);
  }

  /**
   * The rulebook a division follows at an instant (DESIGN §6.4): the latest version of
   * its rulebook published at or before `at` (ISO-8601), else the built-in version 1.
   */
  async rulebookFor(division: string, at: string): Promise<Rulebook> {
    const id = this.divisions[division] ?? this.rulebookId;
    const { state, publishedAt } = await this.load(id);
    const atMs = Date.parse(at);
    for (let i = state.versions.length - 1; i >= 0; i--) {
      if (Date.parse(publishedAt[i]!) <= atMs) return state.versions[i]!;
    }
    // Nothing published under this id: the fallback. Published, but later than `at`: its built-in version 1.
    if (state.versions.length === 0) return fallback(id);
    return builtIn(id) ?? state.versions[0]!;
  }

  /** A published version of a rulebook, or undefined. national-2020 v1, practice-2026 v1 and practice-2027 v1 are built in. */
  async version(rulebookId: string, version: number): Promise<Rulebook | undefined> {
    const { state } = await this.load(rulebookId);
    return state.versions.find((r) => r.version === version) ?? (version === 1 ? builtIn(rulebookId) : undefined);
  }
}

const builtIn = (rulebookId: string): Rulebook | undefined =>
  [nationalRulebook2020, practiceRulebook2026, practiceRulebook2027].find((r) => r.id === rulebookId);

/**
 * The rulebook of an id nothing is published under: the built-in default for national-2020
 * (the configured id of an installation that never chose one) and for an unknown id; a
 * built-in's own version 1 for practice-2026 or practice-2027, so an installation (or a
 * test about automatic result application) can run the rules of one year on purpose.
 */
const fallback = (rulebookId: string): Rulebook => {
  const rulebook = builtIn(rulebookId);
  return rulebook === undefined || rulebook === nationalRulebook2020 ? defaultRulebook : rulebook;
};
