import type { AccessTokens, Principal } from '@jixiao/application';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problem } from '../http/problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Paths that need a token: the versioned api, health details and metrics. Everything
 * else (public /health, the api docs, the console's static files) is open.
 */
export const needsToken = (url: string): boolean => {
  const path = url.split('?', 1)[0]!;
  return path.startsWith('/api/v1/') || path === '/metrics' || path === '/health/details';
};

/** The bearer token's principal, or undefined when the header is missing, malformed or the token is not live. */
export async function principalOf(tokens: AccessTokens, request: FastifyRequest): Promise<Principal | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match ? tokens.authenticate(match[1]!) : undefined;
}

/**
 * Authenticates on the headers, before a byte of the body is read: Fastify runs onRequest
 * hooks before it parses the body, so an unknown caller cannot make the server buffer
 * a megabyte. The answer says `Connection: close`, so the unread body is not waited for.
 * Roles are checked later, by the route's guard, on the principal found here.
 */
export function authenticateOnHeaders(instance: FastifyInstance, tokens: AccessTokens): void {
  instance.addHook('onRequest', async (request, reply) => {
    if (!needsToken(request.url)) return;
    const principal = await principalOf(tokens, request);
    if (principal) {
      request.principal = principal;
      return;
    }
    const { problem: body } = problem(401, 'unauthenticated', 'Unauthenticated', 'Send a valid, unexpired bearer token in the Authorization header');
    return reply
      .status(401)
      .header('connection', 'close')
      .header('www-authenticate', 'Bearer')
      .header('content-type', 'application/problem+json')
      .send({ ...body, instance: request.url });
  });
}
