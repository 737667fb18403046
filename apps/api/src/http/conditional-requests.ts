import type { FastifyInstance } from 'fastify';
import { noneMatchFails, parseEntityTagCondition } from './entity-tags.js';
import { problem } from './problem.js';

/**
 * Conditional requests for every route (RFC 9110 §13): a malformed If-Match or
 * If-None-Match is refused with 400 before any route runs, and a GET whose answer carries
 * an ETag the client already holds (If-None-Match, weak comparison) becomes 304 Not
 * Modified without a body. Commands evaluate If-Match themselves, against the revision
 * they load (see the command context).
 */
export function conditionalRequests(instance: FastifyInstance): void {
  instance.addHook('onRequest', async (request, reply) => {
    for (const name of ['if-match', 'if-none-match'] as const) {
      const value = request.headers[name];
      if (value === undefined) continue;
      if (parseEntityTagCondition(Array.isArray(value) ? value.join(', ') : value) === undefined) {
        const details = problem(400, 'precondition-malformed', 'Invalid conditional header', `${name === 'if-match' ? 'If-Match' : 'If-None-Match'} must be "*" or a list of entity tags such as "3"`, {
          errors: [{ field: name, constraints: [`${name} must be "*" or a comma-separated list of quoted entity tags`] }],
        }).problem;
        return reply.status(400).header('content-type', 'application/problem+json').send({ ...details, instance: request.url });
      }
    }
  });
  instance.addHook('onSend', async (request, reply, payload) => {
    const header = request.headers['if-none-match'];
    const etag = reply.getHeader('etag');
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200 || typeof etag !== 'string' || header === undefined) {
      return payload;
    }
    const condition = parseEntityTagCondition(Array.isArray(header) ? header.join(', ') : header);
    if (!condition || !noneMatchFails(condition, etag)) return payload;
    void reply.status(304).removeHeader('content-type').removeHeader('content-length');
    return null;
  });
}
