import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@jixiao/domain';
import { SqliteEventStore, type StoredEvent } from '@jixiao/event-store';
import type { CommandContext } from './command-context.js';
import { handleCommand, type Decider } from './handle-command.js';
import { keyedEventId, minterFor, requestHash } from './idempotency.js';
import { AccessRefused, ConcurrencyConflict, DomainRefusal, IdempotencyKeyReused, PreconditionFailed } from './refusals.js';

// A small decider of its own: handleCommand is generic over any { initialState, decide, evolve }.
type Command = { type: 'Open' } | { type: 'Add'; amount: number };
type Event =
  | { type: 'Opened'; schemaVersion: 1; data: Record<string, never> }
  | { type: 'Added'; schemaVersion: 1; data: { amount: number } }
  | { type: 'Milestone'; schemaVersion: 1; data: { total: number } };
interface State {
  open: boolean;
  total: number;
}
const refusal = (kind: DomainError['kind'], ruleId: string) => ({ ok: false as const, error: new DomainError(kind, ruleId, { en: ruleId, 'zh-CN': ruleId }) });
const counter: Decider<Command, Event, State, { now: string }> = {
  initialState: { open: false, total: 0 },
  decide: (command, state) => {
    if (command.type === 'Open') return state.open ? refusal('wrong-stage', 'counter.open') : { ok: true, events: [{ type: 'Opened', schemaVersion: 1, data: {} }] };
    if (!state.open) return refusal('not-found', 'counter.not-found');
    if (command.amount <= 0) return refusal('invariant', 'counter.positive');
    const added: Event = { type: 'Added', schemaVersion: 1, data: { amount: command.amount } };
    const total = state.total + command.amount;
    // Crossing a hundred appends a second event, so replays of several events are covered.
    return { ok: true, events: Math.floor(total / 100) > Math.floor(state.total / 100) ? [added, { type: 'Milestone', schemaVersion: 1, data: { total } }] : [added] };
  },
  evolve: (state, event) => (event.type === 'Opened' ? { ...state, open: true } : event.type === 'Added' ? { ...state, total: state.total + event.data.amount } : state),
};

const clerk = { id: 'clerk-1', role: 'department' as const, department: 'water-bureau', label: 'clerk', issuedTo: '张三' };
const context = (extra: Partial<CommandContext> = {}): CommandContext => ({ principal: clerk, correlationId: 'corr-1', commandId: 'cmd-1', ...extra });
const at = new Date('2026-03-01T08:00:00.000Z');

let folder: string;
let store: SqliteEventStore;
let n = 0;
let stream: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'jixiao-handle-'));
  store = new SqliteEventStore({ file: join(folder, 'events.sqlite'), durability: 'normal' });
});
afterAll(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});
beforeEach(() => {
  stream = `counter-${++n}`;
});

const run = (command: Command, ctx: CommandContext = context(), more: Partial<Parameters<typeof handleCommand<Command, Event, State, { now: string }>>[0]> = {}) =>
  handleCommand({ store, decider: counter, stream, command, context: ctx, clock: () => at, decideContext: async (_s, now) => ({ context: { now }, metadata: { rulebook: { id: 'r', version: 2 } } }), ...more });
const events = async (): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  if ((await store.streamRevision(stream)) === undefined) return out;
  for await (const e of store.readStream(stream)) out.push(e);
  return out;
};

describe('handleCommand', () => {
  it('loads, decides and appends at the expected revision, answering with the new revision and events', async () => {
    expect(await run({ type: 'Open' })).toEqual({ stream, revision: 0, events: [{ type: 'Opened', data: {} }], replayed: false, state: { open: true, total: 0 } });
    const added = await run({ type: 'Add', amount: 120 });
    expect(added).toMatchObject({ revision: 2, events: [{ type: 'Added', data: { amount: 120 } }, { type: 'Milestone', data: { total: 120 } }], state: { total: 120 } });
    expect((await events()).map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('records who, why, when and under which rules in every event', async () => {
    await run({ type: 'Open' }, context({ causationId: 'event-9' }));
    const [opened] = await events();
    expect(opened!.metadata).toEqual({
      // name: the person the token was issued to, so the history says who acted.
      actor: { id: 'clerk-1', role: 'department', department: 'water-bureau', name: '张三' },
      correlationId: 'corr-1',
      causationId: 'event-9',
      commandId: 'cmd-1',
      commandType: 'Open',
      occurredAt: at.toISOString(),
      rulebook: { id: 'r', version: 2 },
    });
  });

  it('throws the refusal as DomainRefusal and writes nothing', async () => {
    await run({ type: 'Open' });
    const head = await store.headPosition();
    await expect(run({ type: 'Add', amount: -1 })).rejects.toMatchObject({ constructor: DomainRefusal, error: { kind: 'invariant', ruleId: 'counter.positive' } });
    await expect(run({ type: 'Open' })).rejects.toBeInstanceOf(DomainRefusal);
    expect(await store.headPosition()).toBe(head);
  });

  describe('If-Match', () => {
    it('appends when it names the current revision and refuses any other, writing nothing', async () => {
      await run({ type: 'Open' });
      expect((await run({ type: 'Add', amount: 1 }, context({ ifMatch: 0 }))).revision).toBe(1);
      await expect(run({ type: 'Add', amount: 1 }, context({ ifMatch: 0 }))).rejects.toMatchObject({ constructor: PreconditionFailed, expectedRevision: 0, actualRevision: 1 });
      expect(await events()).toHaveLength(2);
    });

    it('takes "*" (the stream exists) and a list of revisions, any of which may hold (RFC 9110)', async () => {
      await expect(run({ type: 'Open' }, context({ ifMatch: '*' }))).rejects.toMatchObject({ constructor: PreconditionFailed, expectedRevision: '*', actualRevision: undefined });
      await run({ type: 'Open' });
      expect((await run({ type: 'Add', amount: 1 }, context({ ifMatch: '*' }))).revision).toBe(1);
      expect((await run({ type: 'Add', amount: 1 }, context({ ifMatch: [5, 1] }))).revision).toBe(2);
      await expect(run({ type: 'Add', amount: 1 }, context({ ifMatch: [0, 1] }))).rejects.toMatchObject({ constructor: PreconditionFailed, expectedRevision: [0, 1], actualRevision: 2 });
      await expect(run({ type: 'Add', amount: 1 }, context({ ifMatch: [] }))).rejects.toBeInstanceOf(PreconditionFailed);
      expect(await events()).toHaveLength(3);
    });

    it('comes after authorisation: an out-of-scope caller learns nothing from it', async () => {
      await run({ type: 'Open' });
      const refuse = () => {
        throw new AccessRefused('forbidden-department', 'not yours');
      };
      await expect(run({ type: 'Add', amount: 1 }, context({ ifMatch: 7 }), { authorise: refuse })).rejects.toBeInstanceOf(AccessRefused);
    });

    it('on a missing stream, lets the decider say not-found first', async () => {
      await expect(run({ type: 'Add', amount: 1 }, context({ ifMatch: 3 }))).rejects.toMatchObject({ constructor: DomainRefusal, error: { kind: 'not-found' } });
      await expect(run({ type: 'Open' }, context({ ifMatch: 3 }))).rejects.toMatchObject({ constructor: PreconditionFailed, actualRevision: undefined });
      expect(await events()).toEqual([]);
    });

    it('is never retried: a race lost under If-Match is a 412, not a second attempt', async () => {
      await run({ type: 'Open' });
      let loads = 0;
      const stale = async () => (loads++, { state: { open: true, total: 0 }, revision: 0 });
      await run({ type: 'Add', amount: 1 });
      await expect(run({ type: 'Add', amount: 1 }, context({ ifMatch: 0 }), { load: stale })).rejects.toMatchObject({ constructor: PreconditionFailed, actualRevision: 1 });
      expect(loads).toBe(1);
    });
  });

  describe('lost races', () => {
    it('retries against fresh state, so concurrent writers all get through', async () => {
      await run({ type: 'Open' });
      const results = await Promise.all(Array.from({ length: 12 }, () => run({ type: 'Add', amount: 1 }, context(), { retries: 50 })));
      expect(new Set(results.map((r) => r.revision)).size).toBe(12);
      expect((await events()).filter((e) => e.type === 'Added')).toHaveLength(12);
    });

    it('gives up after the bounded number of retries with ConcurrencyConflict', async () => {
      await run({ type: 'Open' });
      await run({ type: 'Add', amount: 1 });
      let loads = 0;
      const alwaysStale = async () => (loads++, { state: { open: true, total: 0 }, revision: 0 });
      await expect(run({ type: 'Add', amount: 1 }, context(), { load: alwaysStale, retries: 3 })).rejects.toMatchObject({ constructor: ConcurrencyConflict, attempts: 4 });
      expect(loads).toBe(4);
      expect(await events()).toHaveLength(2);
    });
  });

  describe('idempotency from events', () => {
    const keyed = (key: string, body: unknown = { amount: 5 }) => context({ idempotencyKey: key, requestHash: requestHash('POST', '/counter', body) });

    it('derives the event ids from principal and key, records key and request hash, and replays the first answer', async () => {
      await run({ type: 'Open' });
      const first = await run({ type: 'Add', amount: 150 }, keyed('k-1'));
      const stored = await events();
      expect(stored.slice(1).map((e) => e.id)).toEqual([0, 1].map((i) => keyedEventId({ principalId: 'clerk-1', key: 'k-1' }, i)));
      expect(stored[1]!.metadata).toMatchObject({ idempotencyKey: 'k-1', requestHash: requestHash('POST', '/counter', { amount: 5 }) });
      await run({ type: 'Add', amount: 1 });
      const again = await run({ type: 'Add', amount: 150 }, keyed('k-1'));
      expect(again).toEqual({ stream, revision: first.revision, events: first.events, replayed: true });
      expect(await events()).toHaveLength(4);
    });

    it('refuses the same key with another request, in this stream or another, writing nothing', async () => {
      await run({ type: 'Open' });
      await run({ type: 'Add', amount: 5 }, keyed('k-2'));
      const head = await store.headPosition();
      await expect(run({ type: 'Add', amount: 6 }, keyed('k-2', { amount: 6 }))).rejects.toBeInstanceOf(IdempotencyKeyReused);
      const elsewhere = stream;
      stream = `${elsewhere}-other`;
      await run({ type: 'Open' });
      await expect(run({ type: 'Add', amount: 5 }, keyed('k-2'))).rejects.toBeInstanceOf(IdempotencyKeyReused);
      expect(await store.headPosition()).toBe(head + 1);
    });

    it('keeps keys of different principals apart', async () => {
      await run({ type: 'Open' });
      await run({ type: 'Add', amount: 5 }, keyed('shared'));
      const other = await run({ type: 'Add', amount: 5 }, { ...keyed('shared'), principal: { ...clerk, id: 'clerk-2' } });
      expect(other.replayed).toBe(false);
      expect((await events()).filter((e) => e.type === 'Added')).toHaveLength(2);
    });

    it('answers twins sent together with the first answer, written once', async () => {
      await run({ type: 'Open' });
      const answers = await Promise.all(Array.from({ length: 10 }, () => run({ type: 'Add', amount: 150 }, keyed('twin'))));
      const [first] = answers.filter((a) => !a.replayed);
      expect(first).toBeDefined();
      for (const answer of answers) expect({ revision: answer.revision, events: answer.events }).toEqual({ revision: first!.revision, events: first!.events });
      expect((await events()).filter((e) => e.type === 'Added')).toHaveLength(1);
    });

    it('answers a retry after a crash between append and answer from the stored events', async () => {
      await run({ type: 'Open' });
      const first = await run({ type: 'Add', amount: 150 }, keyed('crash'));
      // A new process: a fresh store handle on the same file, no memory of the first answer.
      const reopened = new SqliteEventStore({ file: join(folder, 'events.sqlite'), durability: 'normal' });
      try {
        const retry = await handleCommand({
          store: reopened, decider: counter, stream, command: { type: 'Add', amount: 150 }, context: keyed('crash'), clock: () => new Date(),
          decideContext: async (_s, now) => ({ context: { now } }),
        });
        expect(retry).toEqual({ stream, revision: first.revision, events: first.events, replayed: true });
      } finally {
        await reopened.close();
      }
    });

    it('mints server-chosen ids from the key, so a retry names the same reading; fresh ones without a key', () => {
      const seed = { principalId: 'clerk-1', key: 'k' };
      expect(minterFor(seed)('readingId')).toBe(minterFor(seed)('readingId'));
      expect(minterFor(seed)('readingId')).not.toBe(minterFor(seed)('cutId'));
      expect(minterFor({ ...seed, principalId: 'clerk-2' })('readingId')).not.toBe(minterFor(seed)('readingId'));
      expect(minterFor(undefined)('readingId')).not.toBe(minterFor(undefined)('readingId'));
    });
  });
});
