import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, StoredEvent } from '../port/event-store.js';

/** How the suite reaches one adapter: two writers on the same storage, each with its own clock. */
export interface MonotonicSubject {
  /** Opens a store on the shared storage whose clock is `clock`. The suite closes it. */
  open(clock: () => Date): Promise<EventStore>;
  /** True where appends are serialised across the whole store (SQLite, PostgreSQL). */
  readonly globalOrder: boolean;
}

/**
 * recordedAt never decreases within a stream, on every adapter, and, where appends are
 * serialised, never across the global log: two processes share one store and one of them
 * has its clock 2 s behind (the case of issue 13).
 */
export function describeMonotonicRecordedAt(adapter: string, subject: MonotonicSubject | { skipReason: string }): void {
  if ('skipReason' in subject) {
    console.warn(`[monotonic recordedAt] ${adapter} skipped: ${subject.skipReason}`);
    describe.skip(`monotonic recordedAt: ${adapter} (skipped: ${subject.skipReason})`, () => {
      it('runs only against a real server', () => undefined);
    });
    return;
  }
  describe(`monotonic recordedAt: ${adapter}`, () => {
    // Each writer's clock is set by the test: one process, then another whose clock is behind.
    const base = Date.now();
    let clockA = base;
    let clockB = base;
    let a: EventStore;
    let b: EventStore;
    beforeAll(async () => {
      a = await subject.open(() => new Date(clockA));
      b = await subject.open(() => new Date(clockB));
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });
    const event = (): NewEvent => ({ id: randomUUID(), type: 'Counted', schemaVersion: 1, data: {}, metadata: {} });
    const read = async (store: EventStore, stream: string): Promise<StoredEvent[]> => {
      const out: StoredEvent[] = [];
      for await (const e of store.readStream(stream)) out.push(e);
      return out;
    };
    const iso = (ms: number) => new Date(ms).toISOString();

    it("takes the predecessor's recordedAt when the next writer's clock is behind, and its own clock once it is ahead", async () => {
      const stream = `monotonic-${randomUUID()}`;
      clockA = base + 10_000;
      await a.append(stream, [event()], 'no_stream');
      clockB = base + 8_000; // 2 s behind
      await b.append(stream, [event(), event()], 0);
      clockB = base + 12_000;
      await b.append(stream, [event()], 2);
      const times = (await read(b, stream)).map((e) => e.recordedAt);
      expect(times).toEqual([iso(base + 10_000), iso(base + 10_000), iso(base + 10_000), iso(base + 12_000)]);
    });

    it(subject.globalOrder
      ? 'never goes backwards across the global log either: appends are serialised'
      : 'is kept per stream only: appends to different streams are not serialised', async () => {
      const first = `monotonic-${randomUUID()}`;
      const second = `monotonic-${randomUUID()}`;
      clockA = base + 30_000;
      const x = await a.append(first, [event()], 'no_stream');
      clockB = base + 25_000;
      const y = await b.append(second, [event()], 'no_stream');
      expect(y.position).toBeGreaterThan(x.position);
      const [stored] = await read(a, second);
      expect(stored!.recordedAt).toBe(iso(subject.globalOrder ? base + 30_000 : base + 25_000));
    });
  });
}
