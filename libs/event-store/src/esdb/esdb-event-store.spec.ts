import type { RecordedEvent } from '@eventstore/db-client';
import { describeEventStoreContract } from '../contract/event-store.contract.js';
import { describeMonotonicRecordedAt } from '../contract/monotonic-recorded-at.contract.js';
import { eventHash, genesisHash } from '../hash-chain/event-hash.js';
import { CorruptEventError } from '../port/errors.js';
import type { StoredEvent } from '../port/event-store.js';
import { EventStoreDbEventStore } from './esdb-event-store.js';
import { comparePositions, globalPosition, isSystemEvent, toEventData, toStoredEvent } from './esdb-events.js';

const connectionString = process.env['ESDB_CONNECTION_STRING'];

describeEventStoreContract(
  'eventstoredb',
  connectionString
    ? { open: async () => new EventStoreDbEventStore({ connectionString }) }
    : { skipReason: 'ESDB_CONNECTION_STRING is not set; no EventStoreDB server on this machine' },
);

// What the server would hand back for an event the adapter wrote: runs without a server.
function recorded(stored: StoredEvent, overrides: Partial<Record<string, unknown>> = {}): RecordedEvent {
  const data = toEventData({ event: stored, dataJson: '', metadataJson: '' });
  return {
    streamId: stored.stream,
    id: data.id,
    isJson: true,
    revision: BigInt(stored.revision),
    type: data.type,
    created: new Date(),
    data: data.data,
    metadata: JSON.parse(JSON.stringify(data.metadata)),
    position: { commit: BigInt(stored.position), prepare: BigInt(stored.position) },
    ...overrides,
  } as RecordedEvent;
}

describe('eventstoredb event mapping', () => {
  const base = {
    id: '0b6f0d1e-0a4f-4c1c-9d7e-1a2b3c4d5e6f',
    type: 'ProjectProposed',
    schemaVersion: 2,
    data: { title: '城市绿化', fen: 100 },
    metadata: { actor: 'a', $correlationId: 'c' },
    stream: 'project-1',
    revision: 0,
    position: 4242,
    recordedAt: '2025-01-02T03:04:05.678Z',
  };
  const stored: StoredEvent = { ...base, hash: eventHash(genesisHash, base) };

  it('round-trips every field, keeping the caller metadata as it was', () => {
    const back = toStoredEvent(recorded(stored));
    expect(back).toEqual(stored);
    expect(eventHash(genesisHash, back)).toBe(stored.hash);
  });

  it('reports events it did not write, or whose metadata was stripped, as corrupt with their place', () => {
    const foreign = recorded(stored, { metadata: { actor: 'a' } });
    expect(() => toStoredEvent(foreign)).toThrow(CorruptEventError);
    expect(() => toStoredEvent(foreign)).toThrow(/position 4242 \(project-1@0\)/);
    expect(() => toStoredEvent(recorded(stored, { data: '{not json' }))).toThrow(CorruptEventError);
    expect(() => toStoredEvent(recorded(stored, { isJson: false, data: new Uint8Array() }))).toThrow(CorruptEventError);
  });

  it('refuses a missing log position (servers before 22.6) instead of inventing one', () => {
    expect(() => globalPosition(recorded(stored, { position: undefined }))).toThrow(/22\.6/);
    const maxU64 = { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n };
    expect(() => globalPosition(recorded(stored, { position: maxU64 }))).toThrow(/22\.6/);
  });

  it('tells system events apart and orders positions', () => {
    expect(isSystemEvent(recorded(stored))).toBe(false);
    expect(isSystemEvent(recorded(stored, { type: '$metadata' }))).toBe(true);
    expect(isSystemEvent(recorded(stored, { streamId: '$stats-127.0.0.1:2113' }))).toBe(true);
    expect(comparePositions({ commit: 1n, prepare: 1n }, { commit: 2n, prepare: 0n })).toBe(-1);
    expect(comparePositions({ commit: 2n, prepare: 3n }, { commit: 2n, prepare: 1n })).toBe(1);
    expect(comparePositions({ commit: 2n, prepare: 2n }, { commit: 2n, prepare: 2n })).toBe(0);
  });
});

describeMonotonicRecordedAt(
  'eventstoredb',
  connectionString
    ? { open: async (clock) => new EventStoreDbEventStore({ connectionString, clock }), globalOrder: false }
    : { skipReason: 'ESDB_CONNECTION_STRING is not set; no EventStoreDB server on this machine' },
);
