import { nationalRulebook2020, practiceRulebook2026, rulebookStream, type Rulebook } from '@jixiao/domain';
import { StreamNotFoundError, type EventStore } from '@jixiao/event-store';

/** A published version of a rulebook, or undefined. national-2020 v1 and practice-2026 v1 are built in and never need publishing. */
export async function rulebookVersion(store: EventStore, rulebookId: string, version: number): Promise<Rulebook | undefined> {
  try {
    for await (const event of store.readStream(rulebookStream(rulebookId))) {
      const rulebook = (event.data as { rulebook?: Rulebook }).rulebook;
      if (event.type === 'RulebookPublished' && rulebook?.version === version) return rulebook;
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return [nationalRulebook2020, practiceRulebook2026].find((r) => r.id === rulebookId && r.version === version);
}
