import { eventCatalogue, type CataloguedEventType } from '../event-catalogue.js';

/** An event as read from a store: any type, any version, data not yet trusted. */
export interface StoredEventShape {
  type: string;
  schemaVersion: number;
  data: unknown;
}

/** Lifts one event type from `fromVersion` to `fromVersion + 1`. Pure: data in, data out. */
export interface Upcaster {
  type: CataloguedEventType;
  fromVersion: number;
  upcast: (data: any) => unknown;
}

export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const u of upcasters) this.register(u);
  }

  register(upcaster: Upcaster): this {
    const key = `${upcaster.type}@${upcaster.fromVersion}`;
    if (this.byKey.has(key)) throw new Error(`Two upcasters for ${key}`);
    this.byKey.set(key, upcaster);
    return this;
  }

  /**
   * Walks an event up one version at a time until it reaches the version the catalogue
   * says is current. Unknown event types pass through untouched (they may belong to
   * another aggregate). An event newer than this code, or a gap in the chain, is a
   * deployment error and throws rather than guessing.
   */
  upcast<E extends StoredEventShape>(event: E): StoredEventShape {
    const entry = (eventCatalogue as Record<string, { schemaVersion: number }>)[event.type];
    if (!entry) return event;
    let current: StoredEventShape = event;
    while (current.schemaVersion < entry.schemaVersion) {
      const step = this.byKey.get(`${current.type}@${current.schemaVersion}`);
      if (!step) throw new Error(`No upcaster for ${current.type} v${current.schemaVersion}`);
      current = { type: current.type, schemaVersion: current.schemaVersion + 1, data: step.upcast(current.data) };
    }
    if (current.schemaVersion > entry.schemaVersion) {
      throw new Error(`${event.type} v${event.schemaVersion} is newer than this code (v${entry.schemaVersion})`);
    }
    return current;
  }
}
