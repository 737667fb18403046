import { createHash, randomBytes } from 'node:crypto';
import type { EventStore, StoredEvent } from '@jixiao/event-store';
import { v7 as uuidv7 } from 'uuid';
import { keyedEventId, minterFor, type IdempotencySeed } from '../idempotency.js';
import { roles, type Principal, type Role } from '../principal.js';
import { IdempotencyKeyReused } from '../refusals.js';

/** An issue sent with an Idempotency-Key: who sent it with which key, and what the request was. */
export interface KeyedIssue {
  readonly seed: IdempotencySeed;
  readonly requestHash: string;
}

/** A token issued now (with its secret, shown once) or found again by a keyed retry (without it). */
export type IssuedToken =
  | { readonly tokenId: string; readonly token: string; readonly expiresAt: string; readonly principal: Principal; readonly replayed: false }
  | { readonly tokenId: string; readonly token?: undefined; readonly expiresAt: string; readonly principal: Principal; readonly replayed: true };

/** Tokens live as events in one stream, so an auditor sees who was given which power, and when. */
export const accessTokenStream = 'access-tokens';

const DAY_MS = 86_400_000;
/** How often a process re-reads the token stream's head, at most (revocations reach every process within it). */
export const tokenRefreshIntervalMs = 1_000;

interface TokenIssued {
  readonly tokenId: string;
  readonly tokenHash: string;
  readonly subject: string;
  readonly role: Role;
  readonly department: string | null;
  readonly label: string;
  readonly issuedAt: string;
  /** Absent on tokens issued before tokens expired; they live the role's default lifetime from issuedAt. */
  readonly expiresAt?: string;
  /** Absent on tokens issued before tokens named their holder; the label stands in. */
  readonly issuedTo?: string;
}

interface TokenRevoked {
  readonly tokenId: string;
  readonly revokedAt: string;
  readonly reason: string | null;
}

export interface IssueTokenRequest {
  readonly role: Role;
  /** The person or system the token is for (姓名 or system name): the actor's name in the audit history. */
  readonly issuedTo: string;
  readonly department?: string;
  /** The principal id; for an evaluator, the id used in evaluation assignments. */
  readonly subject?: string;
  readonly label?: string;
  /** Shorter than the role's default lifetime, never longer (days). */
  readonly lifetimeDays?: number;
}

/** A token as listed: everything but its secret. */
export interface TokenListing {
  readonly tokenId: string;
  readonly subject: string;
  readonly role: Role;
  readonly department: string | null;
  readonly label: string;
  readonly issuedTo: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly status: 'active' | 'expired' | 'revoked';
  /** The last time this process (or, with a usage ledger, any process) saw it used; null if never. */
  readonly lastUsedAt: string | null;
}

/** Where last-used times are kept across processes (the read-model database in the api). */
export interface TokenUsageLedger {
  touch(tokenId: string, at: string): Promise<void>;
  lastUsed(): Promise<ReadonlyMap<string, string>>;
}

interface TokenRecord {
  readonly issued: TokenIssued;
  readonly expiresAt: string;
  revokedAt: string | null;
}

export class UnknownTokenError extends Error {
  constructor(readonly tokenId: string) {
    super(`No token ${tokenId}`);
    this.name = 'UnknownTokenError';
  }
}

/**
 * Bearer tokens, stored only as SHA-256 hashes. A token is 32 random bytes, so a plain
 * hash is enough (no password stretching needed); the clear token is shown once.
 *
 * A token expires (a default lifetime per role) and can be revoked. Each process keeps the
 * stream folded in memory and re-reads its head at most once a second, so a revocation
 * written by any process sharing the store takes effect everywhere within about a second.
 */
export class AccessTokens {
  private readonly byHash = new Map<string, TokenRecord>();
  private readonly byId = new Map<string, TokenRecord>();
  private readonly usedAt = new Map<string, string>();
  private readonly usageWritten = new Map<string, number>();
  private revision: number | undefined;
  private refreshedAt = -Infinity;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
    private readonly lifetimeDays: Readonly<Record<Role, number>> = Object.fromEntries(roles.map((r) => [r, 180])) as Record<Role, number>,
    private readonly usage?: TokenUsageLedger,
    /** Monotonic milliseconds for the refresh throttle (never the wall clock, which may jump). */
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  static hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  async isEmpty(): Promise<boolean> {
    return (await this.store.streamRevision(accessTokenStream)) === undefined;
  }

  /**
   * Issues a token and records its hash; `actor` is who asked (recorded in the event's
   * metadata). Throws on a bad request. With an Idempotency-Key (`keyed`: the issuing
   * principal, the key and the request's hash) the token's id and event id derive from
   * the key, and a retry answers the first issue's id and principal WITHOUT the secret,
   * which was shown once and is not kept; the same key with another request throws
   * IdempotencyKeyReused.
   */
  async issue(request: IssueTokenRequest, actor: string | Principal): Promise<Extract<IssuedToken, { replayed: false }>>;
  async issue(request: IssueTokenRequest, actor: string | Principal, keyed: KeyedIssue | undefined): Promise<IssuedToken>;
  async issue(request: IssueTokenRequest, actor: string | Principal, keyed?: KeyedIssue): Promise<IssuedToken> {
    if (!roles.includes(request.role)) throw new Error(`Unknown role "${request.role}"; use one of ${roles.join(', ')}`);
    if (request.role === 'department' && !request.department) throw new Error('A department token needs a department');
    if (request.role !== 'department' && request.department) throw new Error('Only department tokens carry a department');
    if (!request.issuedTo.trim()) throw new Error('Name the person or system the token is issued to');
    const maxDays = this.lifetimeDays[request.role];
    const days = request.lifetimeDays ?? maxDays;
    if (!Number.isInteger(days) || days < 1 || days > maxDays) {
      throw new Error(`A ${request.role} token lives 1 to ${maxDays} days, not ${request.lifetimeDays}`);
    }
    const eventId = keyed ? keyedEventId(keyed.seed, 0) : uuidv7();
    if (keyed) {
      const replay = await this.replay(eventId, keyed);
      if (replay) return replay;
    }
    const now = this.clock();
    const token = `jx_${randomBytes(32).toString('base64url')}`;
    const issued: TokenIssued = {
      tokenId: keyed ? minterFor(keyed.seed)('tokenId') : uuidv7(),
      tokenHash: AccessTokens.hash(token),
      subject: request.subject ?? `${request.role}-${uuidv7()}`,
      role: request.role,
      department: request.department ?? null,
      label: request.label ?? request.role,
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + days * DAY_MS).toISOString(),
      issuedTo: request.issuedTo.trim(),
    };
    const metadata = {
      actor: actorOf(actor),
      occurredAt: issued.issuedAt,
      ...(keyed ? { idempotencyKey: keyed.seed.key, requestHash: keyed.requestHash } : {}),
    };
    const result = await this.store.append(
      accessTokenStream,
      [{ id: eventId, type: 'AccessTokenIssued', schemaVersion: 1, data: { ...issued }, metadata }],
      'any',
    );
    // A twin with the same key got there first: its token is the one kept, so answer as a retry.
    if (result.idempotent && keyed) return (await this.replay(eventId, keyed))!;
    return { tokenId: issued.tokenId, token, expiresAt: issued.expiresAt!, principal: toPrincipal(issued), replayed: false };
  }

  private async replay(eventId: string, keyed: KeyedIssue): Promise<IssuedToken | undefined> {
    const [stored] = await this.store.findByIds([eventId], { stream: accessTokenStream });
    if (!stored) return undefined;
    if (stored.stream !== accessTokenStream || stored.metadata['requestHash'] !== keyed.requestHash) throw new IdempotencyKeyReused(keyed.seed.key);
    const issued = stored.data as unknown as TokenIssued;
    return { tokenId: issued.tokenId, expiresAt: this.expiryOf(issued), principal: toPrincipal(issued), replayed: true };
  }

  /** Revokes a token at once, in every process within about a second. Throws UnknownTokenError. Revoking twice is a no-op. */
  async revoke(tokenId: string, actor: string | Principal, reason?: string): Promise<TokenListing> {
    await this.refresh(true);
    const record = this.byId.get(tokenId);
    if (!record) throw new UnknownTokenError(tokenId);
    if (record.revokedAt === null) {
      const revoked: TokenRevoked = { tokenId, revokedAt: this.clock().toISOString(), reason: reason ?? null };
      await this.store.append(
        accessTokenStream,
        [{ id: uuidv7(), type: 'AccessTokenRevoked', schemaVersion: 1, data: { ...revoked }, metadata: { actor: actorOf(actor), occurredAt: revoked.revokedAt } }],
        'any',
      );
      await this.refresh(true);
    }
    return this.listingOf(this.byId.get(tokenId)!, await this.lastUsed());
  }

  /** Every token, newest first, without secrets. */
  async list(): Promise<TokenListing[]> {
    await this.refresh(true);
    const used = await this.lastUsed();
    return [...this.byId.values()].map((record) => this.listingOf(record, used)).reverse();
  }

  /** The principal behind a live token; undefined for an unknown, expired or revoked one. */
  async authenticate(token: string): Promise<Principal | undefined> {
    await this.refresh(false);
    const hash = AccessTokens.hash(token);
    let record = this.byHash.get(hash);
    // A token issued a moment ago by another process: look once more, now.
    if (!record) {
      await this.refresh(true);
      record = this.byHash.get(hash);
    }
    if (!record || this.statusOf(record) !== 'active') return undefined;
    this.noteUse(record.issued.tokenId);
    return toPrincipal(record.issued);
  }

  private statusOf(record: TokenRecord): TokenListing['status'] {
    if (record.revokedAt !== null) return 'revoked';
    return this.clock().getTime() >= Date.parse(record.expiresAt) ? 'expired' : 'active';
  }

  private listingOf(record: TokenRecord, used: ReadonlyMap<string, string>): TokenListing {
    const { issued } = record;
    return {
      tokenId: issued.tokenId,
      subject: issued.subject,
      role: issued.role,
      department: issued.department,
      label: issued.label,
      issuedTo: issued.issuedTo ?? issued.label,
      issuedAt: issued.issuedAt,
      expiresAt: record.expiresAt,
      revokedAt: record.revokedAt,
      status: this.statusOf(record),
      lastUsedAt: latest(used.get(issued.tokenId), this.usedAt.get(issued.tokenId)),
    };
  }

  private async lastUsed(): Promise<ReadonlyMap<string, string>> {
    return this.usage ? this.usage.lastUsed() : new Map();
  }

  /** Remembers a use; writes it to the ledger at most once a minute per token, off the request's path. */
  private noteUse(tokenId: string): void {
    const now = this.clock();
    this.usedAt.set(tokenId, now.toISOString());
    if (!this.usage) return;
    const last = this.usageWritten.get(tokenId) ?? -Infinity;
    if (this.monotonic() - last < 60_000) return;
    this.usageWritten.set(tokenId, this.monotonic());
    this.usage.touch(tokenId, now.toISOString()).catch((error: unknown) => console.error('could not record a token use', error));
  }

  /** Folds new token events; unless forced, at most once per refresh interval. Concurrent callers share one read. */
  private async refresh(force: boolean): Promise<void> {
    if (!force && this.monotonic() - this.refreshedAt < tokenRefreshIntervalMs) return;
    this.refreshing ??= this.readNew().finally(() => (this.refreshing = undefined));
    await this.refreshing;
  }

  private async readNew(): Promise<void> {
    const started = this.monotonic();
    const head = await this.store.streamRevision(accessTokenStream);
    if (head !== undefined && head !== this.revision) {
      const from = this.revision === undefined ? 0 : this.revision + 1;
      for await (const event of this.store.readStream(accessTokenStream, { fromRevision: from })) {
        this.apply(event);
        this.revision = event.revision;
      }
    }
    this.refreshedAt = started;
  }

  /** Tokens issued before tokens expired live the role's default lifetime from their issue. */
  private expiryOf(issued: TokenIssued): string {
    return issued.expiresAt ?? new Date(Date.parse(issued.issuedAt) + this.lifetimeDays[issued.role] * DAY_MS).toISOString();
  }

  private apply(event: StoredEvent): void {
    if (event.type === 'AccessTokenIssued') {
      const issued = event.data as unknown as TokenIssued;
      const record: TokenRecord = { issued, expiresAt: this.expiryOf(issued), revokedAt: null };
      this.byHash.set(issued.tokenHash, record);
      this.byId.set(issued.tokenId, record);
    } else if (event.type === 'AccessTokenRevoked') {
      const revoked = event.data as unknown as TokenRevoked;
      const record = this.byId.get(revoked.tokenId);
      if (record && record.revokedAt === null) record.revokedAt = revoked.revokedAt;
    }
  }
}

function toPrincipal(issued: TokenIssued): Principal {
  return {
    id: issued.subject,
    role: issued.role,
    ...(issued.department ? { department: issued.department } : {}),
    label: issued.label,
    issuedTo: issued.issuedTo ?? issued.label,
    tokenId: issued.tokenId,
  };
}

function actorOf(actor: string | Principal): string | { id: string; role: string; name: string } {
  return typeof actor === 'string' ? actor : { id: actor.id, role: actor.role, name: actor.issuedTo };
}

function latest(a: string | undefined, b: string | undefined): string | null {
  if (a === undefined) return b ?? null;
  if (b === undefined) return a;
  return a > b ? a : b;
}
