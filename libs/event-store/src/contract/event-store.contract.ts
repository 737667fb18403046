import { randomUUID } from 'node:crypto';
import { verifyChains } from '../hash-chain/verify-chains.js';
import {
  DuplicateEventIdError,
  EventTooLargeError,
  InvalidEventError,
  InvalidStreamNameError,
  BatchTooLargeError,
  RestoreNotWholeLogError,
  RestoreTargetNotEmptyError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../port/errors.js';
import type { EventStore, NewEvent, StoredEvent } from '../port/event-store.js';

/** How the contract suite reaches one adapter. */
export interface ContractSubject {
  /** Opens the store under test. The suite calls it once and closes the store at the end. */
  open(): Promise<EventStore>;
  /**
   * Changes the stored bytes of the event at this position, going around the store.
   * Left out when the adapter's storage cannot be edited from outside (EventStoreDB):
   * the two tamper tests are then reported skipped, with that reason.
   */
  tamper?(position: number, how: 'edit-data' | 'garble-json'): Promise<void>;
  /**
   * Opens a second store of the same adapter that holds no events, for the restore
   * test. Left out when the adapter cannot make one (EventStoreDB: one server is one
   * store); that test is then reported skipped, with that reason.
   */
  openEmpty?(): Promise<EventStore>;
}

const noTamperReason = "the server's storage cannot be edited from outside";
const noEmptyStoreReason = 'the adapter cannot open a second, empty store';

/**
 * The one contract every adapter must meet. Each test works on streams of its own,
 * so the store may be shared across tests and hold data from earlier runs.
 */
export function describeEventStoreContract(
  adapter: string,
  subject: ContractSubject | { skipReason: string },
): void {
  if ('skipReason' in subject) {
    // Reported as skipped, by name, with the reason: never as passed.
    console.warn(`[contract] ${adapter} skipped: ${subject.skipReason}`);
    describe.skip(`event store contract: ${adapter} (skipped: ${subject.skipReason})`, () => {
      it('runs only against a real server', () => undefined);
    });
    return;
  }

  describe(`event store contract: ${adapter}`, () => {
    const { tamper, openEmpty } = subject;
    if (!openEmpty) console.warn(`[contract] ${adapter}: restore test skipped: ${noEmptyStoreReason}`);
    if (!tamper) console.warn(`[contract] ${adapter}: tamper tests skipped: ${noTamperReason}`);
    const tamperIt = (name: string, test: (edit: NonNullable<typeof tamper>) => Promise<void>) =>
      tamper ? it(name, () => test(tamper)) : it.skip(`${name} (skipped: ${noTamperReason})`, () => undefined);
    let store: EventStore;
    beforeAll(async () => {
      store = await subject.open();
    });
    afterAll(async () => {
      await store?.close();
    });

    const stream = (label: string) => `contract-${label}-${randomUUID()}`;
    const event = (type = 'Something', data: Record<string, unknown> = {}): NewEvent => ({
      id: randomUUID(),
      type,
      schemaVersion: 1,
      data: { ...data },
      metadata: { actor: 'contract', correlationId: randomUUID() },
    });
    const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
      const out: T[] = [];
      for await (const item of items) out.push(item);
      return out;
    };

    it('stores every field and reads it back', async () => {
      const name = stream('fields');
      const written = event('ProjectProposed', { title: '城市绿化', fen: 123_456, nested: { a: [1, 2] } });
      const before = await store.headPosition();
      const result = await store.append(name, [written], 'no_stream');
      expect(result).toEqual({ stream: name, nextExpectedRevision: 0, position: result.position, idempotent: false });
      expect(result.position).toBeGreaterThan(before);
      const [stored] = await collect(store.readStream(name));
      expect(stored).toMatchObject({ ...written, stream: name, revision: 0, position: result.position });
      expect(stored!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(new Date(stored!.recordedAt).toISOString()).toBe(stored!.recordedAt);
      expect(await store.streamRevision(name)).toBe(0);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
    });

    it('checks each kind of expected revision', async () => {
      const name = stream('expected');
      await expect(store.append(name, [event()], 'stream_exists')).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      await expect(store.append(name, [event()], 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.append(name, [event()], 'no_stream')).nextExpectedRevision).toBe(0);
      await expect(store.append(name, [event()], 'no_stream')).rejects.toMatchObject({
        expected: 'no_stream',
        actual: 0,
      });
      expect((await store.append(name, [event()], 'stream_exists')).nextExpectedRevision).toBe(1);
      expect((await store.append(name, [event(), event()], 1)).nextExpectedRevision).toBe(3);
      await expect(store.append(name, [event()], 1)).rejects.toMatchObject({ expected: 1, actual: 3 });
      expect((await store.append(name, [event()], 'any')).nextExpectedRevision).toBe(4);
    });

    it('lets exactly one of two writers with the same expected revision win', async () => {
      const name = stream('race');
      await store.append(name, [event()], 'no_stream');
      const head = await store.headPosition();
      const outcomes = await Promise.allSettled([
        store.append(name, [event('A')], 0),
        store.append(name, [event('B')], 0),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(lost[0]!.reason).toMatchObject({ stream: name, expected: 0, actual: 1 });
      const events = await collect(store.readStream(name));
      expect(events.map((e) => e.revision)).toEqual([0, 1]);
      // Exactly the winner was written: positions need not be dense (EventStoreDB's are log offsets).
      const written = await collect(store.readAll({ after: head }));
      expect(written.map((e) => e.id)).toEqual([events[1]!.id]);
      expect(await store.headPosition()).toBe(written[0]!.position);
    });

    it('treats a re-append of stored event ids as the first result and writes nothing', async () => {
      const name = stream('idempotent');
      const batch = [event('A'), event('B')];
      const first = await store.append(name, batch, 'no_stream');
      const head = await store.headPosition();
      const again = await store.append(name, batch, 'no_stream');
      expect(again).toEqual({ ...first, idempotent: true });
      const concurrent = await Promise.all([store.append(name, batch, 1), store.append(name, batch, 'any')]);
      expect(concurrent).toEqual([again, again]);
      expect(await store.headPosition()).toBe(head);
      expect((await collect(store.readStream(name))).map((e) => e.id)).toEqual(batch.map((e) => e.id));
    });

    it('refuses event ids that repeat part of an append, or live in another stream', async () => {
      const name = stream('dupe');
      const batch = [event('A'), event('B')];
      await store.append(name, batch, 'no_stream');
      const head = await store.headPosition();
      await expect(store.append(name, [batch[0]!, event('C')], 'any')).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      await expect(store.append(stream('other'), [batch[1]!], 'any')).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect(await store.headPosition()).toBe(head);
    });

    it('keeps order within a stream and reads forward, backward and from a revision', async () => {
      const name = stream('order');
      const written = Array.from({ length: 12 }, (_, i) => event('Counted', { i }));
      await store.append(name, written.slice(0, 5), 'no_stream');
      await store.append(name, written.slice(5), 4);
      const forward = await collect(store.readStream(name));
      expect(forward.map((e) => e.data['i'])).toEqual(written.map((_, i) => i));
      expect(forward.map((e) => e.revision)).toEqual(written.map((_, i) => i));
      const backward = await collect(store.readStream(name, { direction: 'backward' }));
      expect(backward.map((e) => e.revision)).toEqual([...forward.map((e) => e.revision)].reverse());
      const middle = await collect(store.readStream(name, { fromRevision: 4, maxCount: 3 }));
      expect(middle.map((e) => e.revision)).toEqual([4, 5, 6]);
      const tail = await collect(store.readStream(name, { direction: 'backward', fromRevision: 2 }));
      expect(tail.map((e) => e.revision)).toEqual([2, 1, 0]);
    });

    it('keeps one global order across streams, read in batches', async () => {
      const names = [stream('g1'), stream('g2'), stream('g3')];
      const after = await store.headPosition();
      const appended: string[] = [];
      for (let round = 0; round < 5; round++) {
        for (const name of names) {
          const e = event('Ordered', { round });
          await store.append(name, [e], round === 0 ? 'no_stream' : round - 1);
          appended.push(e.id);
        }
      }
      const all = await collect(store.readAll({ after, batchSize: 4 }));
      const ours = all.filter((e) => names.includes(e.stream));
      expect(ours.map((e) => e.id)).toEqual(appended);
      const positions = all.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(positions.length);
      expect(positions.every((p) => p > after)).toBe(true);
      const limited = await collect(store.readAll({ after, maxCount: 7, batchSize: 3 }));
      expect(limited.map((e) => e.id)).toEqual(all.slice(0, 7).map((e) => e.id));
    });

    it('writes appends to different streams that arrive together, each with its own result', async () => {
      const names = Array.from({ length: 40 }, (_, i) => stream(`group${i}`));
      await Promise.all(names.map((n) => store.append(n, [event()], 'no_stream')));
      // Half of them carry a stale expected revision: they fail alone.
      const outcomes = await Promise.allSettled(
        names.map((n, i) => store.append(n, [event()], i % 2 === 0 ? 0 : 5)),
      );
      outcomes.forEach((outcome, i) => {
        if (i % 2 === 0) {
          expect(outcome).toMatchObject({ status: 'fulfilled', value: { stream: names[i], nextExpectedRevision: 1 } });
        } else {
          expect(outcome.status).toBe('rejected');
          expect((outcome as PromiseRejectedResult).reason).toMatchObject({ stream: names[i], expected: 5, actual: 0 });
        }
      });
      for (const [i, n] of names.entries()) expect(await store.streamRevision(n)).toBe(i % 2 === 0 ? 1 : 0);
    });

    it('delivers events appended during catch-up exactly once, in order', async () => {
      const name = stream('subscribe');
      const start = await store.headPosition();
      const early = Array.from({ length: 30 }, (_, i) => event('Early', { i }));
      for (const [i, e] of early.entries()) await store.append(name, [e], i === 0 ? 'no_stream' : i - 1);
      const late = Array.from({ length: 30 }, (_, i) => event('Late', { i }));
      const controller = new AbortController();
      const received: StoredEvent[] = [];
      const writer = (async () => {
        for (const [i, e] of late.entries()) {
          await store.append(name, [e], early.length + i - 1);
          if (i % 5 === 0) await new Promise((r) => setTimeout(r, 5));
        }
      })();
      for await (const e of store.subscribeToAll({ after: start, signal: controller.signal, batchSize: 7 })) {
        if (e.stream === name) received.push(e);
        if (received.length === early.length + late.length) break;
      }
      await writer;
      controller.abort();
      expect(received.map((e) => e.id)).toEqual([...early, ...late].map((e) => e.id));
      const positions = received.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    });

    it('stays live after catching up and stops when aborted', async () => {
      const name = stream('live');
      const start = await store.headPosition();
      const controller = new AbortController();
      const seen: string[] = [];
      const reading = (async () => {
        for await (const e of store.subscribeToAll({ after: start, signal: controller.signal })) {
          if (e.stream === name) seen.push(e.id);
          if (seen.length === 2) controller.abort();
        }
      })();
      await new Promise((r) => setTimeout(r, 50));
      const a = event();
      const b = event();
      await store.append(name, [a], 'no_stream');
      await new Promise((r) => setTimeout(r, 20));
      await store.append(name, [b], 0);
      await reading;
      expect(seen).toEqual([a.id, b.id]);
    });

    it('reports a missing stream clearly', async () => {
      const name = stream('missing');
      expect(await store.streamRevision(name)).toBeUndefined();
      await expect(collect(store.readStream(name))).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('refuses bad stream names, oversized events and oversized batches, writing nothing', async () => {
      const head = await store.headPosition();
      for (const bad of ['', ' spaced name', '$system', 'a/b', 'x'.repeat(201)]) {
        await expect(store.append(bad, [event()], 'any')).rejects.toBeInstanceOf(InvalidStreamNameError);
      }
      const name = stream('limits');
      const big = event('Big', { blob: 'x'.repeat(1024 * 1024) });
      await expect(store.append(name, [event(), big], 'any')).rejects.toBeInstanceOf(EventTooLargeError);
      const many = Array.from({ length: 1001 }, () => event());
      await expect(store.append(name, many, 'any')).rejects.toBeInstanceOf(BatchTooLargeError);
      expect(await store.headPosition()).toBe(head);
      expect(await store.streamRevision(name)).toBeUndefined();
    });

    it('refuses what no adapter can hold (U+0000, lone surrogates, non-finite numbers) in data, metadata and keys, writing nothing', async () => {
      const head = await store.headPosition();
      const name = stream('unstorable');
      const bad: NewEvent[] = [
        event('Nul', { title: 'a\u0000b' }),
        event('Surrogate', { title: 'a\ud800b' }),
        event('Low', { nested: [{ note: '\udc00' }] }),
        event('Infinite', { gap: Infinity }),
        event('NotANumber', { value: NaN }),
        event('NulKey', { ['k\u0000']: 1 }),
        { ...event('Meta'), metadata: { actor: 'contract', note: 'x\u0000' } },
      ];
      for (const one of bad) {
        await expect(store.append(name, [event(), one], 'any')).rejects.toBeInstanceOf(InvalidEventError);
      }
      expect(await store.headPosition()).toBe(head);
      expect(await store.streamRevision(name)).toBeUndefined();
      // What the edge refuses but a store can hold is stored as given: escapes, bidi controls, a surrogate pair.
      await store.append(name, [event('Fine', { title: '\u001b[31m \u202e 𝄞 \ufffd' })], 'no_stream');
      const [stored] = await collect(store.readStream(name));
      expect(stored!.data).toEqual({ title: '\u001b[31m \u202e 𝄞 \ufffd' });
    });

    it('finds events by id in global order, leaving out ids it does not hold', async () => {
      const names = [stream('byid1'), stream('byid2')];
      const a = event('A');
      const b = event('B');
      const c = event('C');
      await store.append(names[0]!, [a, b], 'no_stream');
      await store.append(names[1]!, [c], 'no_stream');
      const missing = randomUUID();
      const found = await store.findByIds([c.id, missing, a.id]);
      expect(found.map((e) => e.id)).toEqual([a.id, c.id]);
      const [stored] = await collect(store.readStream(names[0]!));
      expect(found[0]).toEqual(stored);
      const inStream = await store.findByIds([b.id, a.id], { stream: names[0]! });
      expect(inStream.map((e) => e.id)).toEqual([a.id, b.id]);
      expect(await store.findByIds([])).toEqual([]);
      expect(await store.findByIds([missing], { stream: stream('byid-none') })).toEqual([]);
    });

    it('refuses to restore into a store that holds events, writing nothing', async () => {
      const name = stream('restore-refused');
      await store.append(name, [event()], 'no_stream');
      const head = await store.headPosition();
      const foreign = (await collect(store.readStream(name))).map((e) => ({ ...e, stream: stream('foreign') }));
      await expect(store.restore(foreign)).rejects.toBeInstanceOf(RestoreTargetNotEmptyError);
      expect(await store.headPosition()).toBe(head);
      expect(await store.streamRevision(foreign[0]!.stream)).toBeUndefined();
    });

    const restoreIt = openEmpty
      ? it
      : (name: string) => it.skip(`${name} (skipped: ${noEmptyStoreReason})`, () => undefined);
    restoreIt('refuses a partial log (a gap in positions) and writes nothing', async () => {
      const name = stream('partial');
      await store.append(name, [event('A'), event('B')], 'no_stream');
      const partial = (await collect(store.readAll())).filter((e) => e.stream === name);
      const target = await openEmpty!();
      try {
        await expect(target.restore(partial)).rejects.toBeInstanceOf(RestoreNotWholeLogError);
        expect(await target.headPosition()).toBe(0);
      } finally {
        await target.close();
      }
    });

    restoreIt('restores an export into an empty store verbatim, and carries on from it', async () => {
      const names = [stream('export1'), stream('export2')];
      await store.append(names[0]!, [event('A', { fen: 1 }), event('B')], 'no_stream');
      await store.append(names[1]!, [event('C', { text: '序时进度' })], 'no_stream');
      await store.append(names[0]!, [event('D')], 1);
      // An audit copy is the whole log, from position 1: what the source's readers saw.
      const exported = await collect(store.readAll());

      const target = await openEmpty!();
      try {
        async function* slowly() {
          for (const e of exported) {
            await new Promise((r) => setTimeout(r, 1));
            yield e;
          }
        }
        expect(await target.restore(slowly())).toBe(exported.length);
        expect(await collect(target.readAll())).toEqual(exported);
        expect((await verifyChains(target)).ok).toBe(true);
        expect(await target.streamRevision(names[0]!)).toBe(2);
        // Restoring twice would mix histories.
        await expect(target.restore(exported)).rejects.toBeInstanceOf(RestoreTargetNotEmptyError);
        expect(await collect(target.readAll())).toHaveLength(exported.length);
        // The restored chain is the one new appends extend.
        const next = await target.append(names[0]!, [event('E')], 2);
        expect(next.nextExpectedRevision).toBe(3);
        expect(next.position).toBeGreaterThan(exported[exported.length - 1]!.position);
        expect((await verifyChains(target)).ok).toBe(true);
      } finally {
        await target.close();
      }
    });

    tamperIt('verifies intact chains and finds an edited event by its position', async (tamper) => {
      const name = stream('tamper');
      const result = await store.append(name, [event('A', { amountFen: 100 }), event('B'), event('C')], 'no_stream');
      await store.append(stream('after'), [event()], 'no_stream');
      const intact = await verifyChains(store);
      expect(intact.ok).toBe(true);
      expect(intact.eventsChecked).toBe(await store.headPosition());

      const target = result.position - 1; // the middle event, B
      await tamper(target, 'edit-data');
      const broken = await verifyChains(store);
      expect(broken.ok).toBe(false);
      expect(broken.firstBreak).toMatchObject({ position: target, stream: name, revision: 1 });
    });

    tamperIt('finds an event whose stored bytes no longer parse', async (tamper) => {
      const name = stream('garble');
      const { position } = await store.append(name, [event('A')], 'no_stream');
      await tamper(position, 'garble-json');
      const report = await verifyChains(store);
      expect(report.ok).toBe(false);
      // An earlier test may have broken the chain already; the first break is at or before ours.
      expect(report.firstBreak!.position).toBeLessThanOrEqual(position);
    });
  });
}
