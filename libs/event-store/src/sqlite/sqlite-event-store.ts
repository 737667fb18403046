import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { HashAlgorithm } from '@jixiao/transparency';
import { GroupCommitter } from '../append/group-commit.js';
import {
  planAppends,
  type AppendOutcome,
  type AppendRequest,
  type StoredIdentity,
  type StreamHead,
} from '../append/plan-appends.js';
import { CorruptEventError, RestoreNotWholeLogError, RestoreTargetNotEmptyError, StreamNotFoundError } from '../port/errors.js';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  FindByIdsOptions,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
} from '../port/event-store.js';
import { defaultLimits, validateAppend, type StoreLimits } from '../port/limits.js';
import { AppendNotifier } from '../subscription/append-notifier.js';
import { catchUp } from '../subscription/catch-up.js';
import { defaultLockWaitMs, withWriteLock } from './lock-wait.js';
import { SqliteMerkleTree } from './merkle-tree.js';
import { migrate } from './schema.js';

export interface SqliteEventStoreOptions {
  /** Path of the database file; its folder is created if missing. */
  readonly file: string;
  readonly limits?: Partial<StoreLimits>;
  readonly clock?: () => Date;
  /**
   * 'full' (default) syncs the WAL on every commit, so an acknowledged append survives
   * a power cut. 'normal' may lose the last commits on power loss (never on a crash).
   */
  readonly durability?: 'full' | 'normal';
  /** How often a live subscription looks for appends made by other processes. */
  readonly pollMs?: number;
  /**
   * How long an append waits for another process's write lock before failing with
   * StoreBusyError, in milliseconds (JIXIAO_LOCK_WAIT_MS; default 2,000). The wait
   * never blocks the event loop.
   */
  readonly lockWaitMs?: number;
  /** Hash of the Merkle tree, fixed when the file is created: 'sha256' (default, RFC 6962) or 'sm3'. */
  readonly merkleHashAlgorithm?: HashAlgorithm;
  /**
   * false: appends leave the Merkle tree behind. Only for measuring what the tree costs
   * (bench:audit); the next store opened on the file with it on catches the tree up.
   */
  readonly keepMerkleTree?: boolean;
}

type Row = [number, string, number, string, string, number, string, string, string, string];
const columns = 'position, stream, revision, id, type, schema_version, data, metadata, recorded_at, hash';

/** The embedded default: one SQLite file in WAL mode, written by one group committer. */
export class SqliteEventStore implements EventStore {
  readonly adapter = 'sqlite';
  private readonly db: Database.Database;
  private readonly limits: StoreLimits;
  private readonly clock: () => Date;
  private readonly notifier = new AppendNotifier();
  private readonly committer: GroupCommitter;
  private readonly statements;
  private readonly lockWaitMs: number;
  /** True while restore() holds the write transaction open across awaits. */
  private restoring = false;
  /** The Merkle tree over the global log, kept in this file and in each append's transaction. */
  readonly merkleLog: SqliteMerkleTree;

  constructor(private readonly options: SqliteEventStoreOptions) {
    mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    // A few milliseconds only: SQLite's busy handler sleeps on the event loop's thread.
    // A longer wait for the write lock is withWriteLock's, between turns of the loop.
    this.db.pragma('busy_timeout = 5');
    migrate(this.db);
    this.limits = { ...defaultLimits, ...options.limits };
    this.clock = options.clock ?? (() => new Date());
    this.statements = {
      head: this.db.prepare<[string], StreamHead>(
        'SELECT revision, hash, recorded_at AS recordedAt FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
      ),
      lastRecordedAt: this.db
        .prepare<[], string>('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1')
        .pluck(),
      byId: this.db.prepare<[string], StoredIdentity>(
        'SELECT stream, revision, position FROM events WHERE id = ?',
      ),
      lastPosition: this.db
        .prepare<[], number>('SELECT coalesce(max(position), 0) FROM events')
        .pluck(),
      insert: this.db.prepare(
        `INSERT INTO events (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      forward: this.db
        .prepare<[string, number, number], Row>(
          `SELECT ${columns} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
        )
        .raw(),
      backward: this.db
        .prepare<[string, number, number], Row>(
          `SELECT ${columns} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
        )
        .raw(),
      // json_each hands the id list over as one parameter; the lookup goes through events_id.
      byIds: this.db
        .prepare<[string], Row>(
          `SELECT ${columns} FROM events WHERE id IN (SELECT value FROM json_each(?)) ORDER BY position`,
        )
        .raw(),
      all: this.db
        .prepare<[number, number], Row>(
          `SELECT ${columns} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
        )
        .raw(),
    };
    const commitInTransaction = this.db.transaction((requests: readonly AppendRequest[]) =>
      this.commitBatch(requests),
    );
    this.lockWaitMs = options.lockWaitMs ?? defaultLockWaitMs;
    this.committer = new GroupCommitter(async (requests) => {
      const deadline = Math.min(...requests.map((r) => r.lockDeadline ?? Number.POSITIVE_INFINITY));
      const outcomes = await withWriteLock(() => commitInTransaction.immediate(requests), deadline, this.lockWaitMs);
      if (outcomes.some((o) => o.ok && !o.result.idempotent)) this.notifier.notify();
      return outcomes;
    });
    this.merkleLog = new SqliteMerkleTree(
      this.db,
      (after, limit) => this.statements.all.all(after, limit).map(toStoredEvent),
      options.merkleHashAlgorithm,
    );
    try {
      if (options.keepMerkleTree !== false) this.merkleLog.catchUp(() => this.statements.lastPosition.get() as number);
    } catch {
      // A row that no longer parses stops the catch-up; the store still opens so that
      // verify can name the break (it also reports a tree behind the log).
    }
  }

  /** The underlying file, for operators and tamper tests. */
  get file(): string {
    return this.options.file;
  }

  append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    try {
      const serialised = validateAppend(stream, events, this.limits);
      return this.committer.submit({ stream, events: serialised, expectedRevision, lockDeadline: Date.now() + this.lockWaitMs });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private commitBatch(requests: readonly AppendRequest[]): AppendOutcome[] {
    // restore() keeps a transaction open across awaits; an append now would join it.
    if (this.restoring) throw new Error('The store is being restored; appends wait until it is done');
    const heads = new Map<string, StreamHead>();
    const existingIds = new Map<string, StoredIdentity>();
    for (const request of requests) {
      if (!heads.has(request.stream)) {
        const head = this.statements.head.get(request.stream);
        if (head) heads.set(request.stream, head);
      }
      for (const { event } of request.events) {
        const found = this.statements.byId.get(event.id);
        if (found) existingIds.set(event.id, found);
      }
    }
    const plan = planAppends(requests, {
      heads,
      existingIds,
      nextPosition: (this.statements.lastPosition.get() as number) + 1,
      recordedAt: this.clock().toISOString(),
      lastRecordedAt: this.statements.lastRecordedAt.get() as string | undefined,
    });
    for (const { event, dataJson, metadataJson } of plan.rows) {
      this.statements.insert.run(
        event.position,
        event.stream,
        event.revision,
        event.id,
        event.type,
        event.schemaVersion,
        dataJson,
        metadataJson,
        event.recordedAt,
        event.hash,
      );
    }
    if (this.options.keepMerkleTree !== false) this.merkleLog.append(plan.rows.map((row) => row.event));
    return plan.outcomes;
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<StoredEvent> {
    const head = await this.streamRevision(stream);
    if (head === undefined) throw new StreamNotFoundError(stream);
    const backward = options.direction === 'backward';
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from = options.fromRevision ?? (backward ? head : 0);
    while (remaining > 0) {
      const limit = Math.min(remaining, 500);
      const rows = (backward ? this.statements.backward : this.statements.forward).all(stream, from, limit);
      for (const row of rows) yield toStoredEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      from = rows[rows.length - 1]![2] + (backward ? -1 : 1);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    let after = options.after ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    const batchSize = options.batchSize ?? 1000;
    while (remaining > 0) {
      const limit = Math.min(remaining, batchSize);
      const rows = this.statements.all.all(after, limit);
      for (const row of rows) yield toStoredEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      after = rows[rows.length - 1]![0];
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
    return catchUp(this, this.notifier, { ...options, pollMs: this.options.pollMs ?? 250 });
  }

  async headPosition(): Promise<number> {
    return this.statements.lastPosition.get() as number;
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    return this.statements.head.get(stream)?.revision;
  }

  async findByIds(ids: readonly string[], _options?: FindByIdsOptions): Promise<StoredEvent[]> {
    if (ids.length === 0) return [];
    return this.statements.byIds.all(JSON.stringify(ids)).map(toStoredEvent);
  }

  /**
   * One IMMEDIATE transaction around the whole restore, so a failed restore leaves the
   * store empty rather than half written. better-sqlite3 transactions cannot span an
   * await, hence BEGIN/COMMIT by hand and the `restoring` guard against appends.
   */
  async restore(events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>): Promise<number> {
    if (this.restoring) throw new Error('A restore is already running on this store');
    this.restoring = true;
    let count = 0;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const head = this.statements.lastPosition.get() as number;
        if (head > 0) throw new RestoreTargetNotEmptyError(head);
        for await (const event of events) {
          if (event.position !== count + 1) throw new RestoreNotWholeLogError(count + 1, event.position);
          this.statements.insert.run(
            event.position,
            event.stream,
            event.revision,
            event.id,
            event.type,
            event.schemaVersion,
            JSON.stringify(event.data),
            JSON.stringify(event.metadata),
            event.recordedAt,
            event.hash,
          );
          count++;
        }
        this.db.exec('COMMIT');
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.restoring = false;
    }
    // The Merkle tree over the restored log, as opening the file would build it.
    if (count > 0 && this.options.keepMerkleTree !== false) this.merkleLog.catchUp(() => this.statements.lastPosition.get() as number);
    if (count > 0) this.notifier.notify();
    return count;
  }

  async close(): Promise<void> {
    this.notifier.notify();
    this.db.close();
  }
}

function toStoredEvent(row: Row): StoredEvent {
  const [position, stream, revision, id, type, schemaVersion, data, metadata, recordedAt, hash] = row;
  try {
    return {
      position,
      stream,
      revision,
      id,
      type,
      schemaVersion,
      data: JSON.parse(data),
      metadata: JSON.parse(metadata),
      recordedAt,
      hash,
    };
  } catch (error) {
    throw new CorruptEventError(position, stream, revision, (error as Error).message);
  }
}
