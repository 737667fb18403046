import type { EventStore } from '@jixiao/event-store';
import { AccessTokens, defaultTokenLifetimeDays, UnknownTokenError, type TokenUsageLedger } from '@jixiao/application';
import { roles, type Role } from '@jixiao/application';
import { UsageError, type Output } from './output.js';

export interface TokenCreateOptions {
  readonly role: string;
  /** The person or system the token is for; the actor's name in the audit history. */
  readonly to?: string;
  readonly department?: string;
  readonly subject?: string;
  readonly label?: string;
  /** Days; at most the role's lifetime. */
  readonly days?: string;
}

export interface TokenSettings {
  readonly lifetimeDays?: Readonly<Record<Role, number>>;
  readonly usage?: TokenUsageLedger;
}

const tokensOf = (store: EventStore, settings: TokenSettings) =>
  new AccessTokens(store, () => new Date(), settings.lifetimeDays ?? defaultTokenLifetimeDays, settings.usage);

/**
 * Issues a bearer token straight into the store, through the same AccessTokens class the
 * api authenticates with, and prints it once: only its hash is stored.
 */
export async function tokenCreate(store: EventStore, options: TokenCreateOptions, out: Output, settings: TokenSettings = {}): Promise<string> {
  // Checked here as well as in AccessTokens so the user gets a CLI-worded message before the store is touched.
  if (!(roles as readonly string[]).includes(options.role)) {
    throw new UsageError(`Unknown role "${options.role}"; use one of ${roles.join(', ')}`);
  }
  if (!options.to?.trim()) throw new UsageError('Name who the token is for: --to <person or system>');
  if (options.role === 'department' && !options.department) {
    throw new UsageError('A department token needs --department <dept>');
  }
  if (options.role !== 'department' && options.department) {
    throw new UsageError('Only department tokens carry --department');
  }
  if (options.days !== undefined && !/^[1-9][0-9]{0,4}$/.test(options.days)) {
    throw new UsageError(`--days "${options.days}" is not a whole number of days`);
  }
  let issued;
  try {
    issued = await tokensOf(store, settings).issue(
      {
        role: options.role as Role,
        issuedTo: options.to,
        ...(options.department ? { department: options.department } : {}),
        ...(options.subject ? { subject: options.subject } : {}),
        ...(options.label ? { label: options.label } : {}),
        ...(options.days ? { lifetimeDays: Number(options.days) } : {}),
      },
      'cli',
    );
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { token, tokenId, expiresAt, principal } = issued;
  out.line(token);
  out.error(
    `Issued ${principal.role} token ${tokenId} to ${principal.issuedTo}` +
      (principal.department ? ` (department ${principal.department})` : '') +
      `, valid until ${expiresAt}. It is shown once; only its hash is kept.`,
  );
  return token;
}

/** Lists every token without its secret, one line each. */
export async function tokenList(store: EventStore, out: Output, settings: TokenSettings = {}): Promise<void> {
  const listing = await tokensOf(store, settings).list();
  if (listing.length === 0) out.error('No tokens.');
  for (const t of listing) {
    out.line(
      [t.tokenId, t.status, t.role + (t.department ? `:${t.department}` : ''), `to=${t.issuedTo}`, `expires=${t.expiresAt}`, `last-used=${t.lastUsedAt ?? 'never'}`]
        .concat(t.revokedAt ? [`revoked=${t.revokedAt}`] : [])
        .join('  '),
    );
  }
}

/** Revokes a token by id; every api process sharing the store refuses it within a second. */
export async function tokenRevoke(store: EventStore, tokenId: string, out: Output, reason?: string, settings: TokenSettings = {}): Promise<void> {
  try {
    const revoked = await tokensOf(store, settings).revoke(tokenId, 'cli', reason);
    out.error(`Token ${revoked.tokenId} (${revoked.role}, to ${revoked.issuedTo}) is revoked as of ${revoked.revokedAt}.`);
  } catch (error) {
    if (error instanceof UnknownTokenError) throw new UsageError(error.message);
    throw error;
  }
}
