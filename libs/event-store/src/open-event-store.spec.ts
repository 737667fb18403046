import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openEventStore } from './open-event-store.js';
import { startTestPostgres, type TestPostgres } from './postgres/test-database.js';

let db: TestPostgres;
const folder = mkdtempSync(join(tmpdir(), 'jixiao-open-'));
beforeAll(async () => {
  db = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await db?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('openEventStore', () => {
  it.each([
    ['sqlite', () => ({ kind: 'sqlite' as const, file: join(folder, 'events.sqlite') })],
    ['postgres', () => ({ kind: 'postgres' as const, url: db.url, schema: 'factory' })],
  ])('opens a working %s store with the configured limits', async (adapter, config) => {
    const store = await openEventStore({ ...config(), limits: { maxBatchEvents: 2 } });
    try {
      expect(store.adapter).toBe(adapter);
      const event = () => ({ id: randomUUID(), type: 'A', schemaVersion: 1, data: {}, metadata: {} });
      await expect(store.append('s', [event(), event(), event()], 'any')).rejects.toMatchObject({ code: 'batch-too-large' });
      expect((await store.append('s', [event()], 'no_stream')).nextExpectedRevision).toBe(0);
      expect(await store.streamRevision('s')).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('builds an EventStoreDB store without connecting until it is used', async () => {
    const store = await openEventStore({ kind: 'esdb', connectionString: 'esdb://127.0.0.1:1?tls=false' });
    expect(store.adapter).toBe('eventstoredb');
    await store.close();
  });
});
