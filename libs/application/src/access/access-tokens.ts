import { createHash, randomBytes } from 'node:crypto';
import type { EventStore, StoredEvent } from '@jixiao/event-store';
import { v7 as uuidv7 } from 'uuid';
import { roles, type Principal, type Role } from '../principal.js';

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

  async issue(request: IssueTokenRequest, actor: string): Promise<{ token: string; principal: Principal }> {
    if (!roles.includes(request.role)) throw new Error(`Unknown role "${request.role}"; use one of ${roles.join(', ')}`);
    if (request.role === 'department' && !request.department) throw new Error('A department token needs --department');
    if (request.role !== 'department' && request.department) throw new Error('Only department tokens carry a department');
    const token = `jx_${randomBytes(32).toString('base64url')}`;
    const issued: TokenIssued = {
      tokenId: uuidv7(),
      tokenHash: AccessTokens.hash(token),
      subject: request.subject ?? `${request.role}-${uuidv7()}`,
      role: request.role,
      department: request.department ?? null,
      label: request.label ?? request.role,
      issuedAt: this.clock().toISOString(),
    };
    await this.store.append(
      accessTokenStream,
      [{ id: uuidv7(), type: 'AccessTokenIssued', schemaVersion: 1, data: { ...issued }, metadata: { actor } }],
      'any',
    );
    return { token, principal: toPrincipal(issued) };
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
