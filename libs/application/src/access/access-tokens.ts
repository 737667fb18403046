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
  | { readonly tokenId: string; readonly token: string; readonly principal: Principal; readonly replayed: false }
  | { readonly tokenId: string; readonly token?: undefined; readonly principal: Principal; readonly replayed: true };

/** Tokens live as events in one stream, so an auditor sees who was given which power, and when. */
export const accessTokenStream = 'access-tokens';

interface TokenIssued {
  readonly tokenId: string;
  readonly tokenHash: string;
  readonly subject: string;
  readonly role: Role;
  readonly department: string | null;
  readonly label: string;
  readonly issuedAt: string;
}

export interface IssueTokenRequest {
  readonly role: Role;
  readonly department?: string;
  /** The principal id; for an evaluator, the id used in evaluation assignments. */
  readonly subject?: string;
  readonly label?: string;
}

/**
 * Bearer tokens, stored only as SHA-256 hashes. A token is 32 random bytes, so a plain
 * hash is enough (no password stretching needed); the clear token is shown once.
 */
export class AccessTokens {
  private readonly byHash = new Map<string, Principal>();
  private revision: number | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  static hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  async isEmpty(): Promise<boolean> {
    return (await this.store.streamRevision(accessTokenStream)) === undefined;
  }

  /**
   * Issues a token and records its hash. With an Idempotency-Key (`keyed`: the issuing
   * principal, the key and the request's hash) the token's id and event id derive from
   * the key, and a retry answers the first issue's id and principal WITHOUT the secret,
   * which was shown once and is not kept; the same key with another request throws
   * IdempotencyKeyReused.
   */
  async issue(request: IssueTokenRequest, actor: string): Promise<Extract<IssuedToken, { replayed: false }>>;
  async issue(request: IssueTokenRequest, actor: string, keyed: KeyedIssue | undefined): Promise<IssuedToken>;
  async issue(request: IssueTokenRequest, actor: string, keyed?: KeyedIssue): Promise<IssuedToken> {
    if (!roles.includes(request.role)) throw new Error(`Unknown role "${request.role}"; use one of ${roles.join(', ')}`);
    if (request.role === 'department' && !request.department) throw new Error('A department token needs --department');
    if (request.role !== 'department' && request.department) throw new Error('Only department tokens carry a department');
    const eventId = keyed ? keyedEventId(keyed.seed, 0) : uuidv7();
    if (keyed) {
      const replay = await this.replay(eventId, keyed);
      if (replay) return replay;
    }
    const token = `jx_${randomBytes(32).toString('base64url')}`;
    const issued: TokenIssued = {
      tokenId: keyed ? minterFor(keyed.seed)('tokenId') : uuidv7(),
      tokenHash: AccessTokens.hash(token),
      subject: request.subject ?? `${request.role}-${uuidv7()}`,
      role: request.role,
      department: request.department ?? null,
      label: request.label ?? request.role,
      issuedAt: this.clock().toISOString(),
    };
    const metadata = keyed ? { actor, idempotencyKey: keyed.seed.key, requestHash: keyed.requestHash } : { actor };
    const result = await this.store.append(
      accessTokenStream,
      [{ id: eventId, type: 'AccessTokenIssued', schemaVersion: 1, data: { ...issued }, metadata }],
      'any',
    );
    // A twin with the same key got there first: its token is the one kept, so answer as a retry.
    if (result.idempotent && keyed) return (await this.replay(eventId, keyed))!;
    return { tokenId: issued.tokenId, token, principal: toPrincipal(issued), replayed: false };
  }

  private async replay(eventId: string, keyed: KeyedIssue): Promise<IssuedToken | undefined> {
    const [stored] = await this.store.findByIds([eventId], { stream: accessTokenStream });
    if (!stored) return undefined;
    if (stored.stream !== accessTokenStream || stored.metadata['requestHash'] !== keyed.requestHash) throw new IdempotencyKeyReused(keyed.seed.key);
    const issued = stored.data as unknown as TokenIssued;
    return { tokenId: issued.tokenId, principal: toPrincipal(issued), replayed: true };
  }

  /** The principal behind a token, reading newly issued tokens on a miss. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const hash = AccessTokens.hash(token);
    const known = this.byHash.get(hash);
    if (known) return known;
    await this.refresh();
    return this.byHash.get(hash);
  }

  private async refresh(): Promise<void> {
    const head = await this.store.streamRevision(accessTokenStream);
    if (head === undefined || head === this.revision) return;
    const from = this.revision === undefined ? 0 : this.revision + 1;
    for await (const event of this.store.readStream(accessTokenStream, { fromRevision: from })) {
      this.apply(event);
      this.revision = event.revision;
    }
  }

  private apply(event: StoredEvent): void {
    if (event.type === 'AccessTokenIssued') {
      const issued = event.data as unknown as TokenIssued;
      this.byHash.set(issued.tokenHash, toPrincipal(issued));
    }
  }
}

function toPrincipal(issued: TokenIssued): Principal {
  return {
    id: issued.subject,
    role: issued.role,
    ...(issued.department ? { department: issued.department } : {}),
    label: issued.label,
  };
}
