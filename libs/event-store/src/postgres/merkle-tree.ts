import pg from 'pg';
import {
  Frontier,
  assertHashAlgorithm,
  frontierNodes,
  nodeKey,
  proveConsistency,
  proveInclusion,
  rootAt,
  treeHasher,
  type HashAlgorithm,
  type NodeId,
  type NodeSource,
  type TreeHasher,
} from '@jixiao/transparency';
import type { StoredEvent } from '../port/event-store.js';
import { assertWithinTree, type MerkleLog } from '../merkle/merkle-log.js';
import { treeRowsFor } from '../merkle/tree-rows.js';
import { toSafeNumber } from './rows.js';
import { lockNamespace, schemaLockKey } from './schema.js';

/** Events after a position, in order, read on the given client (the store supplies it). */
export type EventReader = (client: pg.PoolClient, after: number, limit: number) => Promise<StoredEvent[]>;

/** Tables of the tree, created if missing, apart from the numbered events migrations. Same layout as SQLite's. */
const ddl = (s: string) => `
  CREATE TABLE IF NOT EXISTS ${s}.merkle_nodes (key bigint PRIMARY KEY, hash bytea NOT NULL);
  CREATE TABLE IF NOT EXISTS ${s}.merkle_meta (name text PRIMARY KEY, value text NOT NULL);
  CREATE OR REPLACE FUNCTION ${s}.merkle_nodes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'merkle nodes are append-only'; END $$;
  DROP TRIGGER IF EXISTS merkle_nodes_append_only ON ${s}.merkle_nodes;
  CREATE TRIGGER merkle_nodes_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${s}.merkle_nodes
    FOR EACH STATEMENT EXECUTE FUNCTION ${s}.merkle_nodes_append_only();`;

/**
 * The Merkle tree of a PostgreSQL event store, in the store's schema. `append` runs on
 * the append transaction's client, after the events are inserted and under the same
 * advisory lock, so nodes and events commit or roll back together. It costs two round
 * trips per batch (read the right edge, insert the nodes), whatever the batch size.
 */
export class PostgresMerkleTree implements MerkleLog {
  readonly hashAlgorithm: HashAlgorithm;
  private readonly hasher: TreeHasher;
  private readonly nodesTable: string;
  private readonly metaTable: string;
  private readonly source: NodeSource;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    algorithm: HashAlgorithm,
    private readonly readAfter: EventReader,
  ) {
    this.hashAlgorithm = algorithm;
    this.hasher = treeHasher(algorithm);
    const s = pg.escapeIdentifier(schema);
    this.nodesTable = `${s}.merkle_nodes`;
    this.metaTable = `${s}.merkle_meta`;
    this.source = { nodes: (ids) => this.nodes(this.pool, ids) };
  }

  /** Creates the tables if missing and checks the hash algorithm the schema was created with. */
  static async open(pool: pg.Pool, schema: string, readAfter: EventReader, algorithm: HashAlgorithm = 'sha256'): Promise<PostgresMerkleTree> {
    const s = pg.escapeIdentifier(schema);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [lockNamespace, schemaLockKey(schema, 'migrate')]);
      await client.query(ddl(s));
      await client.query(`INSERT INTO ${s}.merkle_meta (name, value) VALUES ('hash', $1), ('size', '0') ON CONFLICT DO NOTHING`, [algorithm]);
      const { rows } = await client.query<{ value: string }>(`SELECT value FROM ${s}.merkle_meta WHERE name = 'hash'`);
      await client.query('COMMIT');
      const stored = rows[0]!.value;
      assertHashAlgorithm(stored);
      if (stored !== algorithm) throw new Error(`this store's Merkle tree uses ${stored}, not ${algorithm}`);
      return new PostgresMerkleTree(pool, schema, stored, readAfter);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Adds the leaves of freshly planned events, on the client of the transaction that
   * inserts them. One read brings the right edge and the stored size together; when
   * the tree is behind (events appended by a writer that keeps no tree, such as an
   * earlier release), the missing events are added first, in the same transaction.
   */
  async append(client: pg.PoolClient, events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    const expected = events[0]!.position - 1;
    let { size, nodes } = await this.edge(client, expected);
    let leaves = events;
    if (size !== expected) {
      if (size > expected) throw new Error(`Merkle tree out of step: it has ${size} leaves, the log ${expected} events`);
      leaves = [...(await this.readAfter(client, size, expected - size)), ...events];
      ({ nodes } = await this.edge(client, size));
    }
    const frontier = Frontier.fromNodes(this.hasher, size, nodes);
    const added = treeRowsFor(frontier, this.hasher, leaves);
    await client.query(
      `WITH added AS (INSERT INTO ${this.nodesTable} (key, hash) SELECT * FROM unnest($1::int8[], $2::bytea[]))
       UPDATE ${this.metaTable} SET value = $3 WHERE name = 'size'`,
      [added.map((n) => n.key), added.map((n) => n.hash), String(frontier.size)],
    );
  }

  /** The stored size and the right-edge nodes of a tree of `size` leaves, in one round trip. */
  private async edge(client: pg.PoolClient, size: number): Promise<{ size: number; nodes: Map<number, Uint8Array> }> {
    const { rows } = await client.query<{ key: string | null; hash: Buffer | null; size: string | null }>(
      `SELECT key, hash, NULL AS size FROM ${this.nodesTable} WHERE key = ANY($1::int8[])
       UNION ALL SELECT NULL, NULL, value FROM ${this.metaTable} WHERE name = 'size'`,
      [frontierNodes(size).map((id) => nodeKey(id.level, id.index))],
    );
    const nodes = new Map<number, Uint8Array>();
    let stored = 0;
    for (const row of rows) {
      if (row.key === null) stored = toSafeNumber(row.size!);
      else nodes.set(toSafeNumber(row.key), row.hash!);
    }
    return { size: stored, nodes };
  }

  /** Brings the tree up to the head (a schema written before the tree existed), under the append lock. */
  async catchUp(batch = 5000): Promise<number> {
    let added = 0;
    for (;;) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [lockNamespace, schemaLockKey(this.schema, 'append')]);
        const size = await this.sizeOn(client);
        const events = await this.readAfter(client, size, batch);
        await this.append(client, events);
        await client.query('COMMIT');
        added += events.length;
        if (events.length < batch) return added;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }
  }

  size(): Promise<number> {
    return this.sizeOn(this.pool);
  }

  async root(treeSize: number): Promise<Buffer> {
    assertWithinTree('tree size', treeSize, await this.size());
    return rootAt(treeSize, this.source, this.hasher);
  }

  async leafHash(leafIndex: number): Promise<Buffer> {
    assertWithinTree('leaf index', leafIndex, (await this.size()) - 1);
    return Buffer.from((await this.nodes(this.pool, [{ level: 0, index: leafIndex }])).get(nodeKey(0, leafIndex))!);
  }

  async inclusionProof(leafIndex: number, treeSize: number) {
    assertWithinTree('tree size', treeSize, await this.size(), 1);
    assertWithinTree('leaf index', leafIndex, treeSize - 1);
    return proveInclusion(leafIndex, treeSize, this.source, this.hasher);
  }

  async consistencyProof(from: number, to: number) {
    assertWithinTree('to', to, await this.size());
    assertWithinTree('from', from, to);
    return proveConsistency(from, to, this.source, this.hasher);
  }

  /** Positions are dense in PostgreSQL (assigned under one lock), so leaf i holds position i + 1. */
  async leafIndexOf(position: number): Promise<number | undefined> {
    return Number.isSafeInteger(position) && position >= 1 && position <= (await this.size()) ? position - 1 : undefined;
  }

  async positionOf(leafIndex: number): Promise<number | undefined> {
    return Number.isSafeInteger(leafIndex) && leafIndex >= 0 && leafIndex < (await this.size()) ? leafIndex + 1 : undefined;
  }

  storedNodes(ids: readonly NodeId[]): Promise<ReadonlyMap<number, Uint8Array>> {
    return this.nodes(this.pool, ids);
  }

  private async sizeOn(db: pg.Pool | pg.PoolClient): Promise<number> {
    const { rows } = await db.query<{ value: string }>(`SELECT value FROM ${this.metaTable} WHERE name = 'size'`);
    return toSafeNumber(rows[0]!.value);
  }

  private async nodes(db: pg.Pool | pg.PoolClient, ids: readonly NodeId[]): Promise<Map<number, Uint8Array>> {
    const out = new Map<number, Uint8Array>();
    if (ids.length === 0) return out;
    const { rows } = await db.query<{ key: string; hash: Buffer }>(
      `SELECT key, hash FROM ${this.nodesTable} WHERE key = ANY($1::int8[])`,
      [ids.map((id) => nodeKey(id.level, id.index))],
    );
    for (const row of rows) out.set(toSafeNumber(row.key), row.hash);
    return out;
  }
}
