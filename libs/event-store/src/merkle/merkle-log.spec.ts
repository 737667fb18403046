import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { eventLeafData, treeHasher, verifyConsistency, verifyInclusion } from '@jixiao/transparency';
import { NaiveMerkle } from '../../../transparency/src/testing/naive-merkle.js';
import type { EventStore, NewEvent, StoredEvent } from '../port/event-store.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import { startTestPostgres, type TestPostgres } from '../postgres/test-database.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { merkleLogOf, type MerkleLog } from './merkle-log.js';
import { verifyTree } from './verify-tree.js';

const folder = mkdtempSync(join(tmpdir(), 'jixiao-merkle-'));
let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const event = (i: number): NewEvent => ({ id: randomUUID(), type: 'Counted', schemaVersion: 1, data: { i, 名: '绩效' }, metadata: { actor: 'merkle-spec' } });

async function all(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

interface Adapter {
  open(name: string): Promise<EventStore>;
  /** Removes the tree's tables, as a store written before the tree existed would lack them. */
  dropTree(name: string, store: EventStore): Promise<void>;
  /** Rewrites one stored leaf, as someone with database access could. */
  editLeaf(name: string, store: EventStore, leafIndex: number): Promise<void>;
}

const sqlite: Adapter = {
  open: async (name) => new SqliteEventStore({ file: join(folder, `${name}.sqlite`) }),
  dropTree: async (name) => {
    const db = new Database(join(folder, `${name}.sqlite`));
    db.exec('DROP TABLE merkle_nodes; DROP TABLE merkle_meta;');
    db.close();
  },
  editLeaf: async (name, _store, leafIndex) => {
    const db = new Database(join(folder, `${name}.sqlite`));
    db.exec('DROP TRIGGER merkle_nodes_append_only_update');
    db.prepare('UPDATE merkle_nodes SET hash = zeroblob(32) WHERE key = ?').run(leafIndex * 64);
    db.close();
  },
};

async function sql(text: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

const postgresAdapter: Adapter = {
  open: (name) => PostgresEventStore.open({ url: postgres.url, schema: name }),
  dropTree: (name) => sql(`DROP TABLE ${name}.merkle_nodes; DROP TABLE ${name}.merkle_meta;`),
  editLeaf: (name, _store, leafIndex) =>
    sql(
      `BEGIN; ALTER TABLE ${name}.merkle_nodes DISABLE TRIGGER merkle_nodes_append_only;
       UPDATE ${name}.merkle_nodes SET hash = '\\x${'00'.repeat(32)}' WHERE key = ${leafIndex * 64};
       ALTER TABLE ${name}.merkle_nodes ENABLE TRIGGER merkle_nodes_append_only; COMMIT;`,
    ),
};

describe.each([
  ['sqlite', sqlite],
  ['postgres', postgresAdapter],
] as const)('the Merkle tree kept by the %s store', (_name, adapter) => {
  const hasher = treeHasher('sha256');
  const naive = new NaiveMerkle(hasher);
  const leavesOf = (events: StoredEvent[]) => events.map((e) => eventLeafData(e));

  async function seeded(name: string, streams = 5, perStream = 7): Promise<{ store: EventStore; log: MerkleLog }> {
    const store = await adapter.open(name);
    // Concurrent appends to several streams: group commit puts several in one transaction.
    await Promise.all(
      Array.from({ length: streams }, async (_, s) => {
        for (let i = 0; i < perStream; i++) await store.append(`project-${s}`, [event(i), event(i + 100)].slice(0, 1 + (i % 2)), 'any');
      }),
    );
    return { store, log: merkleLogOf(store)! };
  }

  it('holds one leaf per event, with the naive root at every size, and proofs that verify', async () => {
    const { store, log } = await seeded(`tree_${_name}`);
    const events = await all(store);
    const leaves = leavesOf(events);
    expect(await log.size()).toBe(events.length);
    expect(events.length).toBeGreaterThan(30);
    for (const size of [0, 1, 2, 3, 8, 17, events.length]) {
      expect((await log.root(size)).toString('hex')).toBe(naive.root(leaves.slice(0, size)).toString('hex'));
    }
    const size = events.length;
    const root = await log.root(size);
    for (const leafIndex of [0, 5, size - 1]) {
      const proof = await log.inclusionProof(leafIndex, size);
      expect(verifyInclusion(hasher, leafIndex, size, hasher.leaf(leaves[leafIndex]!), proof.path, root)).toBe(true);
      expect(await log.leafIndexOf(events[leafIndex]!.position)).toBe(leafIndex);
    }
    const proof = await log.consistencyProof(13, size);
    expect(verifyConsistency(hasher, 13, size, proof.path, await log.root(13), root)).toBe(true);
    expect(await verifyTree(store, log)).toMatchObject({ ok: true, treeSize: size, leavesChecked: size, rootHash: root.toString('hex') });
    await expect(log.inclusionProof(size, size)).rejects.toThrow(RangeError);
    await expect(log.consistencyProof(3, size + 1)).rejects.toThrow(RangeError);
    await store.close();
  });

  it('builds the tree of a store written before it existed, on open', async () => {
    const name = `backfill_${_name}`;
    const { store } = await seeded(name, 3, 4);
    const before = (await merkleLogOf(store)!.root(await store.headPosition())).toString('hex');
    await store.close();
    await adapter.dropTree(name, store);
    const reopened = await adapter.open(name);
    const log = merkleLogOf(reopened)!;
    expect(await log.size()).toBe(await reopened.headPosition());
    expect((await log.root(await log.size())).toString('hex')).toBe(before);
    await reopened.append('project-9', [event(1)], 'no_stream');
    expect(await verifyTree(reopened, log)).toMatchObject({ ok: true });
    await reopened.close();
  });

  it('stays whole when two store instances append to one database in turn', async () => {
    const name = `shared_${_name}`;
    const a = await adapter.open(name);
    const b = await adapter.open(name);
    for (let i = 0; i < 6; i++) {
      await (i % 2 ? a : b).append('project-x', [event(i)], 'any');
      await (i % 3 ? b : a).append('project-y', [event(i)], 'any');
    }
    const leaves = leavesOf(await all(a));
    const log = merkleLogOf(a)!;
    expect((await log.root(await log.size())).toString('hex')).toBe(naive.root(leaves).toString('hex'));
    await a.close();
    await b.close();
  });

  it('verify names the first leaf whose stored node was edited', async () => {
    const name = `edited_${_name}`;
    const { store, log } = await seeded(name, 2, 5);
    await adapter.editLeaf(name, store, 4);
    expect(await verifyTree(store, log)).toMatchObject({ ok: false, firstBreak: { leafIndex: 4, position: 5, reason: expect.stringMatching(/leaf/) } });
    await store.close();
  });
});
