import pg from 'pg';
import type { HashAlgorithm } from '@jixiao/transparency';
import { GroupCommitter } from '../append/group-commit.js';
import {
  planAppends,
  type AppendOutcome,
  type AppendRequest,
  type PlannedRow,
  type StoredIdentity,
  type StreamHead,
} from '../append/plan-appends.js';
import { CorruptEventError, RestoreNotWholeLogError, RestoreTargetNotEmptyError, StoreBusyError, StreamNotFoundError } from '../port/errors.js';
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
import { PostgresMerkleTree } from './merkle-tree.js';
import { columns, toSafeNumber, toStoredEvent, type EventRow } from './rows.js';
import { assertValidSchemaName, lockNamespace, migrate, schemaLockKey } from './schema.js';

export interface PostgresEventStoreOptions {
  /** Connection string; ignored when `pool` is given. */
  readonly url?: string;
  /** A pool owned by the caller: the store neither configures nor ends it. */
  readonly pool?: pg.Pool;
  /** PostgreSQL schema holding the tables, created if missing. Defaults to "event_store". */
  readonly schema?: string;
  readonly limits?: Partial<StoreLimits>;
  readonly clock?: () => Date;
  /** How often a live subscription looks for appends made by other processes. */
  readonly pollMs?: number;
  /** Size of the pool the store creates from `url`. */
  readonly maxConnections?: number;
  /**
   * How long an append waits for the append lock that another writer holds before
   * failing with StoreBusyError, in milliseconds (JIXIAO_LOCK_WAIT_MS; default 2,000).
   */
  readonly lockWaitMs?: number;
  /** Hash of the Merkle tree, fixed when the schema is created: 'sha256' (default, RFC 6962) or 'sm3'. */
  readonly merkleHashAlgorithm?: HashAlgorithm;
}

interface SnapshotRow {
  readonly kind: 'head' | 'id' | 'last';
  readonly stream: string | null;
  readonly revision: string | null;
  readonly hash: string | null;
  readonly id: string | null;
  readonly position: string | null;
  readonly recorded_at: string | null;
}

// Keeps each INSERT's parameters well below PostgreSQL's 1 GiB message limit.
const maxInsertBytes = 32 * 1024 * 1024;
const maxInsertRows = 5000;

/**
 * PostgreSQL adapter.
 *
 * Global order: serialised position assignment. Every writing transaction first
 * takes `pg_advisory_xact_lock(namespace, key-of-schema)`, then reads
 * max(position) and inserts the next positions, then commits. A transaction-level
 * advisory lock is released only at the very end of COMMIT, after the transaction
 * has become visible to other sessions (PostgreSQL marks it committed in the proc
 * array before it releases its locks). So when writer B obtains the lock, writer A's
 * rows are already visible: B's positions are higher than A's, and B commits after A.
 * Positions therefore become visible strictly in order, without gaps, and a reader
 * that has seen position p (and fetches `position > p`) can never later find an event
 * below p that an overlapping transaction committed late. The cost is that writes
 * serialise on one lock per schema; group commit amortises it by writing every
 * append that arrives together in one transaction.
 */
export class PostgresEventStore implements EventStore {
  readonly adapter = 'postgres';
  readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly limits: StoreLimits;
  private readonly clock: () => Date;
  private readonly notifier = new AppendNotifier();
  private readonly committer: GroupCommitter;
  private readonly table: string;
  private readonly appendLockSql: string;
  private readonly lockWaitMs: number;
  /** The Merkle tree over the global log, kept in this schema and in each append's transaction. */
  merkleLog!: PostgresMerkleTree;

  /** Opens the store and brings its schema to the current version. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(options);
    try {
      await migrate(store.pool, store.schema);
      await store.openMerkleLog();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  private constructor(private readonly options: PostgresEventStoreOptions) {
    this.schema = options.schema ?? 'event_store';
    assertValidSchemaName(this.schema);
    if (!options.pool && !options.url) throw new Error('PostgresEventStore needs a url or a pool');
    this.ownsPool = !options.pool;
    this.pool =
      options.pool ?? new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
    this.limits = { ...defaultLimits, ...options.limits };
    this.clock = options.clock ?? (() => new Date());
    this.table = `${pg.escapeIdentifier(this.schema)}.events`;
    // Literal integers: lets BEGIN, the wait bound and the lock travel in one round trip.
    // lock_timeout bounds the wait for the advisory lock (0 would mean forever, hence ≥ 1).
    this.lockWaitMs = Math.max(1, Math.trunc(options.lockWaitMs ?? 2_000));
    this.appendLockSql =
      `BEGIN; SET LOCAL lock_timeout = ${this.lockWaitMs}; ` +
      `SELECT pg_advisory_xact_lock(${lockNamespace}, ${schemaLockKey(this.schema, 'append')})`;
    this.committer = new GroupCommitter(async (requests) => {
      const outcomes = await this.commitBatch(requests);
      if (outcomes.some((o) => o.ok && !o.result.idempotent)) this.notifier.notify();
      return outcomes;
    });
  }

  private async openMerkleLog(): Promise<void> {
    const readAfter = async (client: pg.PoolClient, after: number, limit: number) => {
      const { rows } = await client.query<EventRow>(
        `SELECT ${columns} FROM ${this.table} WHERE position > $1 ORDER BY position LIMIT $2`,
        [after, limit],
      );
      return rows.map(toStoredEvent);
    };
    this.merkleLog = await PostgresMerkleTree.open(this.pool, this.schema, readAfter, this.options.merkleHashAlgorithm);
    try {
      await this.merkleLog.catchUp();
    } catch (error) {
      // A row that no longer parses stops the catch-up; the store still opens so that
      // verify can name the break (it also reports a tree behind the log).
      if (!(error instanceof CorruptEventError)) throw error;
    }
  }

  append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    try {
      const serialised = validateAppend(stream, events, this.limits);
      return this.committer.submit({ stream, events: serialised, expectedRevision });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private async commitBatch(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(this.appendLockSql);
      const streams = [...new Set(requests.map((r) => r.stream))];
      const ids = requests.flatMap((r) => r.events.map((e) => e.event.id));
      // Heads, known ids and the last position in one round trip: a durable single
      // append is round-trip bound, and each saved trip is felt.
      const { rows } = await client.query<SnapshotRow>(
        `SELECT 'head' AS kind, s.stream, e.revision, e.hash, NULL::text AS id, NULL::int8 AS position, e.recorded_at
           FROM unnest($1::text[]) AS s(stream)
           CROSS JOIN LATERAL (SELECT revision, hash, recorded_at FROM ${this.table} WHERE stream = s.stream
                               ORDER BY revision DESC LIMIT 1) AS e
         UNION ALL
         SELECT 'id', stream, revision, NULL, id, position, NULL FROM ${this.table} WHERE id = ANY($2::text[])
         UNION ALL
         (SELECT 'last', NULL, NULL, NULL, NULL, position, recorded_at FROM ${this.table} ORDER BY position DESC LIMIT 1)`,
        [streams, ids],
      );
      const heads = new Map<string, StreamHead>();
      const existingIds = new Map<string, StoredIdentity>();
      let lastPosition = 0;
      let lastRecordedAt: string | undefined;
      for (const row of rows) {
        if (row.kind === 'head') {
          heads.set(row.stream!, { revision: toSafeNumber(row.revision!), hash: row.hash!, recordedAt: row.recorded_at! });
        } else if (row.kind === 'id') {
          existingIds.set(row.id!, { stream: row.stream!, revision: toSafeNumber(row.revision!), position: toSafeNumber(row.position!) });
        } else {
          lastPosition = toSafeNumber(row.position!);
          lastRecordedAt = row.recorded_at!;
        }
      }
      const plan = planAppends(requests, {
        heads,
        existingIds,
        nextPosition: lastPosition + 1,
        recordedAt: this.clock().toISOString(),
        lastRecordedAt,
      });
      for (const chunk of chunkRows(plan.rows)) await this.insert(client, chunk);
      await this.merkleLog.append(client, plan.rows.map((row) => row.event));
      await client.query('COMMIT');
      return plan.outcomes;
    } catch (error) {
      broken = error as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      // 55P03 lock_not_available: another writer held the append lock past lock_timeout.
      if ((error as { code?: string }).code === '55P03') throw new StoreBusyError(this.lockWaitMs);
      throw error;
    } finally {
      // A client whose transaction failed is discarded rather than trusted again.
      client.release(broken);
    }
  }

  private async insert(client: pg.PoolClient, rows: readonly PlannedRow[]): Promise<void> {
    const col = <T>(pick: (row: PlannedRow) => T) => rows.map(pick);
    await client.query(
      `INSERT INTO ${this.table} (${columns})
       SELECT * FROM unnest($1::int8[], $2::text[], $3::int8[], $4::text[], $5::text[],
                            $6::int4[], $7::text[], $8::text[], $9::text[], $10::text[])`,
      [
        col((r) => r.event.position),
        col((r) => r.event.stream),
        col((r) => r.event.revision),
        col((r) => r.event.id),
        col((r) => r.event.type),
        col((r) => r.event.schemaVersion),
        col((r) => r.dataJson),
        col((r) => r.metadataJson),
        col((r) => r.event.recordedAt),
        col((r) => r.event.hash),
      ],
    );
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<StoredEvent> {
    const head = await this.streamRevision(stream);
    if (head === undefined) throw new StreamNotFoundError(stream);
    const backward = options.direction === 'backward';
    const sql = `SELECT ${columns} FROM ${this.table} WHERE stream = $1 AND revision ${backward ? '<=' : '>='} $2
                 ORDER BY revision ${backward ? 'DESC' : 'ASC'} LIMIT $3`;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from = options.fromRevision ?? (backward ? head : 0);
    while (remaining > 0) {
      const limit = Math.min(remaining, 500);
      const { rows } = await this.pool.query<EventRow>(sql, [stream, from, limit]);
      for (const row of rows) {
        const event = toStoredEvent(row);
        yield event;
        from = event.revision + (backward ? -1 : 1);
      }
      if (rows.length < limit) return;
      remaining -= rows.length;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    const sql = `SELECT ${columns} FROM ${this.table} WHERE position > $1 ORDER BY position LIMIT $2`;
    let after = options.after ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    const batchSize = options.batchSize ?? 1000;
    while (remaining > 0) {
      const limit = Math.min(remaining, batchSize);
      const { rows } = await this.pool.query<EventRow>(sql, [after, limit]);
      for (const row of rows) {
        const event = toStoredEvent(row);
        yield event;
        after = event.position;
      }
      if (rows.length < limit) return;
      remaining -= rows.length;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
    return catchUp(this, this.notifier, { ...options, pollMs: this.options.pollMs ?? 200 });
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>(
      `SELECT coalesce(max(position), 0) AS position FROM ${this.table}`,
    );
    return toSafeNumber(rows[0]!.position);
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ revision: string }>(
      `SELECT max(revision) AS revision FROM ${this.table} WHERE stream = $1`,
      [stream],
    );
    const revision = rows[0]?.revision;
    return revision === null || revision === undefined ? undefined : toSafeNumber(revision);
  }

  async findByIds(ids: readonly string[], _options?: FindByIdsOptions): Promise<StoredEvent[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${columns} FROM ${this.table} WHERE id = ANY($1::text[]) ORDER BY position`,
      [ids],
    );
    return rows.map(toStoredEvent);
  }

  /**
   * One transaction under the append lock, so no writer slips in between the
   * emptiness check and the last row, and a failed restore leaves the store empty.
   */
  async restore(events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>): Promise<number> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    let count = 0;
    try {
      await client.query(this.appendLockSql);
      const { rows } = await client.query<{ position: string }>(
        `SELECT coalesce(max(position), 0) AS position FROM ${this.table}`,
      );
      const head = toSafeNumber(rows[0]!.position);
      if (head > 0) throw new RestoreTargetNotEmptyError(head);
      let chunk: PlannedRow[] = [];
      let expected = 1;
      for await (const event of events) {
        if (event.position !== expected) throw new RestoreNotWholeLogError(expected, event.position);
        expected++;
        chunk.push({ event, dataJson: JSON.stringify(event.data), metadataJson: JSON.stringify(event.metadata) });
        if (chunk.length >= 1000) {
          await this.insert(client, chunk);
          count += chunk.length;
          chunk = [];
        }
      }
      if (chunk.length > 0) await this.insert(client, chunk);
      count += chunk.length;
      await client.query('COMMIT');
    } catch (error) {
      broken = error as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release(broken);
    }
    // The Merkle tree over the restored log, as opening the store would build it.
    if (count > 0) await this.merkleLog.catchUp();
    if (count > 0) this.notifier.notify();
    return count;
  }

  async close(): Promise<void> {
    this.notifier.notify();
    if (this.ownsPool) await this.pool.end();
  }
}

function* chunkRows(rows: readonly PlannedRow[]): Generator<PlannedRow[]> {
  let chunk: PlannedRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.dataJson.length + row.metadataJson.length + 512;
    if (chunk.length > 0 && (chunk.length >= maxInsertRows || bytes + size > maxInsertBytes)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(row);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}
