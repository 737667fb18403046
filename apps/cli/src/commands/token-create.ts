import type { EventStore } from '@jixiao/event-store';
import { AccessTokens } from '@jixiao/application';
import { roles, type Role } from '@jixiao/application';
import { UsageError, type Output } from './output.js';

export interface TokenCreateOptions {
  readonly role: string;
  readonly department?: string;
  readonly subject?: string;
  readonly label?: string;
}

/**
 * Issues a bearer token straight into the store, through the same AccessTokens class the
 * api authenticates with, and prints it once: only its hash is stored.
 */
export async function tokenCreate(store: EventStore, options: TokenCreateOptions, out: Output): Promise<string> {
  // Checked here as well as in AccessTokens so the user gets a CLI-worded message before the store is touched.
  if (!(roles as readonly string[]).includes(options.role)) {
    throw new UsageError(`Unknown role "${options.role}"; use one of ${roles.join(', ')}`);
  }
  if (options.role === 'department' && !options.department) {
    throw new UsageError('A department token needs --department <dept>');
  }
  if (options.role !== 'department' && options.department) {
    throw new UsageError('Only department tokens carry --department');
  }
  const { token, principal } = await new AccessTokens(store).issue(
    {
      role: options.role as Role,
      ...(options.department ? { department: options.department } : {}),
      ...(options.subject ? { subject: options.subject } : {}),
      ...(options.label ? { label: options.label } : {}),
    },
    'cli',
  );
  out.line(token);
  out.error(
    `Issued a ${principal.role} token for ${principal.id}` +
      (principal.department ? ` (department ${principal.department})` : '') +
      '. It is shown once; only its hash is kept.',
  );
  return token;
}
