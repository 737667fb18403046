import createClient from 'openapi-fetch';
import { session } from '../session/session';
import type { paths } from './schema';

/**
 * The only way the console reaches the api: a client typed by schema.d.ts, which
 * openapi-typescript generates from the api's own OpenAPI document (npm run openapi).
 * Same origin, so connect-src 'self' covers it; the bearer token of this tab rides along.
 */
export const api = createClient<paths>({ baseUrl: '' });

api.use({
  onRequest({ request }) {
    const token = session.token.value;
    // A call that names its own token (sign-in checking a pasted one) keeps it.
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
});

/** A problem+json answer, or a network failure, as one error the pages can show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; type?: string } | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

/** Unwraps an openapi-fetch answer: the data, or an ApiError (and sign-out on 401). */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined && result.response.ok) return result.data;
  if (result.response.status === 401) session.signOut();
  throw new ApiError(result.response.status, result.error as ApiError['problem']);
}
