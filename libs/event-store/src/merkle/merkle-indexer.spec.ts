import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { treeHasher, verifyInclusion } from '@jixiao/transparency';
import { EventStoreDbEventStore } from '../esdb/esdb-event-store.js';
import type { EventStore } from '../port/event-store.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { MerkleIndexer } from './merkle-indexer.js';
import { merkleLogOf } from './merkle-log.js';

/*
 * The subscriber-built tree, as EventStoreDB installations use it. Against a SQLite
 * store it must give exactly the tree the store keeps itself; against EventStoreDB it
 * runs only with ESDB_CONNECTION_STRING (skipped by name otherwise).
 */

const folder = mkdtempSync(join(tmpdir(), 'jixiao-indexer-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const event = (i: number) => ({ id: randomUUID(), type: 'Counted', schemaVersion: 1, data: { i }, metadata: {} });
const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
};

async function exercise(store: EventStore, indexFile: string) {
  const streams = [`idx-${randomUUID()}`, `idx-${randomUUID()}`];
  for (let i = 0; i < 6; i++) await store.append(streams[i % 2]!, [event(i), event(i + 10)], 'any');
  const indexer = new MerkleIndexer({ store, file: indexFile, batchSize: 4 });
  await indexer.catchUp();
  const size = await indexer.log.size();
  indexer.start();
  for (let i = 0; i < 3; i++) await store.append(streams[0]!, [event(100 + i)], 'any');
  await until(async () => (await indexer.log.size()) === size + 3);
  return { indexer, size: size + 3 };
}

describe('MerkleIndexer over a SQLite store', () => {
  it('builds the same tree as the store keeps itself, catching up and then following live', async () => {
    const store = new SqliteEventStore({ file: join(folder, 'source.sqlite'), pollMs: 10 });
    const { indexer, size } = await exercise(store, join(folder, 'index.sqlite'));
    const own = merkleLogOf(store)!;
    expect(await indexer.log.size()).toBe(await own.size());
    expect((await indexer.log.root(size)).equals(await own.root(size))).toBe(true);
    const head = await store.headPosition();
    expect(await indexer.log.leafIndexOf(head)).toBe(size - 1);
    expect(await indexer.log.positionOf(size - 1)).toBe(head);
    const proof = await indexer.log.inclusionProof(2, size);
    expect(verifyInclusion(treeHasher('sha256'), 2, size, await own.leafHash(2), proof.path, await own.root(size))).toBe(true);
    await indexer.stop();
    // Restarted, it resumes after its last position and adds nothing twice.
    const again = new MerkleIndexer({ store, file: join(folder, 'index.sqlite') });
    expect(await again.catchUp()).toBe(0);
    await again.stop();
    await store.close();
  });
});

const connectionString = process.env['ESDB_CONNECTION_STRING'];
if (connectionString) {
  describe('MerkleIndexer over EventStoreDB', () => {
    it('maps sparse log positions to leaves and proves inclusion', async () => {
      const store = new EventStoreDbEventStore({ connectionString });
      const { indexer, size } = await exercise(store, join(folder, 'esdb-index.sqlite'));
      const head = await store.headPosition();
      expect(await indexer.log.positionOf(size - 1)).toBe(head);
      const root = await indexer.log.root(size);
      const proof = await indexer.log.inclusionProof(size - 1, size);
      expect(verifyInclusion(treeHasher('sha256'), size - 1, size, await indexer.log.leafHash(size - 1), proof.path, root)).toBe(true);
      await indexer.stop();
      await store.close();
    });
  });
} else {
  const reason = 'ESDB_CONNECTION_STRING is not set; no EventStoreDB server on this machine';
  console.warn(`[merkle indexer] eventstoredb skipped: ${reason}`);
  describe.skip(`MerkleIndexer over EventStoreDB (skipped: ${reason})`, () => {
    it('runs only against a real server', () => undefined);
  });
}
