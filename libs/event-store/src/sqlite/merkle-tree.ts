import type { Database, Statement } from 'better-sqlite3';
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

/**
 * Tables of the tree, created if missing (kept out of the numbered events migrations
 * so they stay independent of them). A node's key is index·64 + level; the triggers
 * make nodes append-only like events. merkle_meta holds the size and the hash algorithm.
 */
const ddl = `
  CREATE TABLE IF NOT EXISTS merkle_nodes (key INTEGER PRIMARY KEY, hash BLOB NOT NULL);
  CREATE TABLE IF NOT EXISTS merkle_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TRIGGER IF NOT EXISTS merkle_nodes_append_only_update BEFORE UPDATE ON merkle_nodes
    BEGIN SELECT RAISE(ABORT, 'merkle nodes are append-only'); END;
  CREATE TRIGGER IF NOT EXISTS merkle_nodes_append_only_delete BEFORE DELETE ON merkle_nodes
    BEGIN SELECT RAISE(ABORT, 'merkle nodes are append-only'); END;`;

/** Events after a position, in order (the store supplies it). */
export type EventReader = (after: number, limit: number) => StoredEvent[];

/**
 * The Merkle tree of a SQLite event store, in the store's own file. `append` runs
 * inside the append transaction; the frontier is cached between batches and checked
 * against the stored size and last leaf first, so another process's appends (an api
 * and a worker share a file) or a rolled-back batch are noticed and it is reloaded.
 */
export class SqliteMerkleTree implements MerkleLog {
  readonly hashAlgorithm: HashAlgorithm;
  private readonly hasher: TreeHasher;
  private readonly statements: {
    size: Statement<[], string>;
    setSize: Statement<[string]>;
    node: Statement<[number], Buffer>;
    insert: Statement<[number, Buffer]>;
    mapLeaf?: Statement<[number, number]>;
    leafOf?: Statement<[number], number>;
    positionOf?: Statement<[number], number>;
    lastPosition?: Statement<[], number>;
  };
  /** The frontier after this process's last batch, with that batch's last leaf hash to recognise it by. */
  private cached?: { frontier: Frontier; lastLeaf: Buffer };
  private readonly source: NodeSource;

  /**
   * `readAfter` reads the store's events for catching up. Without it the tree is
   * "mapped": positions need not be dense (EventStoreDB's log positions), each leaf's
   * position is kept in merkle_leaf_positions, and events come only through append
   * (MerkleIndexer feeds it from a subscription).
   */
  constructor(private readonly db: Database, private readonly readAfter: EventReader | undefined, algorithm: HashAlgorithm = 'sha256') {
    db.exec(ddl);
    if (!readAfter) db.exec('CREATE TABLE IF NOT EXISTS merkle_leaf_positions (leaf INTEGER PRIMARY KEY, position INTEGER NOT NULL UNIQUE)');
    db.prepare("INSERT OR IGNORE INTO merkle_meta (name, value) VALUES ('hash', ?), ('size', '0')").run(algorithm);
    const stored = db.prepare("SELECT value FROM merkle_meta WHERE name = 'hash'").pluck().get() as string;
    assertHashAlgorithm(stored);
    if (stored !== algorithm) throw new Error(`this store's Merkle tree uses ${stored}, not ${algorithm}`);
    this.hashAlgorithm = stored;
    this.hasher = treeHasher(stored);
    this.statements = {
      size: db.prepare<[], string>("SELECT value FROM merkle_meta WHERE name = 'size'").pluck(),
      setSize: db.prepare<[string]>("UPDATE merkle_meta SET value = ? WHERE name = 'size'"),
      node: db.prepare<[number], Buffer>('SELECT hash FROM merkle_nodes WHERE key = ?').pluck(),
      insert: db.prepare<[number, Buffer]>('INSERT INTO merkle_nodes (key, hash) VALUES (?, ?)'),
      ...(readAfter
        ? {}
        : {
            mapLeaf: db.prepare<[number, number]>('INSERT INTO merkle_leaf_positions (leaf, position) VALUES (?, ?)'),
            leafOf: db.prepare<[number], number>('SELECT leaf FROM merkle_leaf_positions WHERE position = ?').pluck(),
            positionOf: db.prepare<[number], number>('SELECT position FROM merkle_leaf_positions WHERE leaf = ?').pluck(),
            lastPosition: db.prepare<[], number>('SELECT coalesce(max(position), 0) FROM merkle_leaf_positions').pluck(),
          }),
    };
    this.source = { nodes: (ids) => this.nodes(ids) };
  }

  /**
   * Adds the leaves of freshly planned events; call inside the transaction that inserts
   * them. When the tree is behind (events appended by a writer that keeps no tree, such
   * as an earlier release), the missing events are added first, in the same transaction.
   */
  append(events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    const frontier = this.frontier().clone();
    const expected = events[0]!.position - 1;
    const behind = this.readAfter && frontier.size < expected;
    const leaves = behind ? [...this.readAfter!(frontier.size, expected - frontier.size), ...events] : events;
    if (this.statements.mapLeaf) {
      let last = this.statements.lastPosition!.get() as number;
      leaves.forEach((event, i) => {
        if (event.position <= last) throw new Error(`Merkle tree out of step: position ${event.position} is not after ${last}`);
        this.statements.mapLeaf!.run(frontier.size + i, event.position);
        last = event.position;
      });
    }
    let lastLeaf: Buffer | undefined;
    for (const node of treeRowsFor(frontier, this.hasher, leaves, this.readAfter !== undefined)) {
      this.statements.insert.run(node.key, node.hash);
      if (node.level === 0) lastLeaf = node.hash;
    }
    this.statements.setSize.run(String(frontier.size));
    this.cached = { frontier, lastLeaf: lastLeaf! };
  }

  /**
   * Brings the tree up to the store's head: a store written before the tree existed,
   * or by a release without it. Runs in write transactions of `batch` events.
   */
  catchUp(head: () => number, batch = 5000): number {
    if (!this.readAfter) return 0;
    let added = 0;
    const step = this.db.transaction(() => {
      const events = this.readAfter!(this.currentSize(), batch);
      this.append(events);
      return events.length;
    });
    while (this.currentSize() < head()) {
      const n = step.immediate();
      if (n === 0) break;
      added += n;
    }
    return added;
  }

  async size(): Promise<number> {
    return this.currentSize();
  }

  async root(treeSize: number): Promise<Buffer> {
    assertWithinTree('tree size', treeSize, this.currentSize());
    return rootAt(treeSize, this.source, this.hasher);
  }

  async leafHash(leafIndex: number): Promise<Buffer> {
    assertWithinTree('leaf index', leafIndex, this.currentSize() - 1);
    return Buffer.from(this.nodes([{ level: 0, index: leafIndex }]).get(nodeKey(0, leafIndex))!);
  }

  async inclusionProof(leafIndex: number, treeSize: number) {
    assertWithinTree('tree size', treeSize, this.currentSize(), 1);
    assertWithinTree('leaf index', leafIndex, treeSize - 1);
    return proveInclusion(leafIndex, treeSize, this.source, this.hasher);
  }

  async consistencyProof(from: number, to: number) {
    assertWithinTree('to', to, this.currentSize());
    assertWithinTree('from', from, to);
    return proveConsistency(from, to, this.source, this.hasher);
  }

  /** Positions are dense in SQLite (1, 2, 3, …), so leaf i holds position i + 1; a mapped tree looks it up. */
  async leafIndexOf(position: number): Promise<number | undefined> {
    if (!Number.isSafeInteger(position)) return undefined;
    if (this.statements.leafOf) return this.statements.leafOf.get(position);
    return position >= 1 && position <= this.currentSize() ? position - 1 : undefined;
  }

  async positionOf(leafIndex: number): Promise<number | undefined> {
    if (!Number.isSafeInteger(leafIndex)) return undefined;
    if (this.statements.positionOf) return this.statements.positionOf.get(leafIndex);
    return leafIndex >= 0 && leafIndex < this.currentSize() ? leafIndex + 1 : undefined;
  }

  /** The last position the tree holds (for a subscriber resuming); 0 when empty. */
  lastPosition(): number {
    return this.statements.lastPosition ? (this.statements.lastPosition.get() as number) : this.currentSize();
  }

  /** Appends a batch in its own transaction: how a subscriber (MerkleIndexer) feeds a mapped tree. */
  appendInTransaction(events: readonly StoredEvent[]): void {
    this.db.transaction(() => this.append(events)).immediate();
  }

  async storedNodes(ids: readonly NodeId[]): Promise<ReadonlyMap<number, Uint8Array>> {
    return this.nodes(ids);
  }

  private currentSize(): number {
    return Number(this.statements.size.get());
  }

  /** The cached frontier when the file still ends where this process left it, else one read of the right edge. */
  private frontier(): Frontier {
    const size = this.currentSize();
    if (this.cached && this.cached.frontier.size === size) {
      const stored = this.statements.node.get(nodeKey(0, size - 1));
      if (stored !== undefined && Buffer.compare(stored, this.cached.lastLeaf) === 0) return this.cached.frontier;
    }
    return Frontier.fromNodes(this.hasher, size, this.nodes(frontierNodes(size)));
  }

  private nodes(ids: readonly NodeId[]): Map<number, Uint8Array> {
    const out = new Map<number, Uint8Array>();
    for (const { level, index } of ids) {
      const key = nodeKey(level, index);
      const hash = this.statements.node.get(key);
      if (hash !== undefined) out.set(key, hash);
    }
    return out;
  }
}
