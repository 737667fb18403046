import type { FastifyInstance } from 'fastify';

/**
 * Lets the server close promptly without cutting off a request in flight.
 *
 * Fastify's close stops listening and closes the keep-alive connections that are idle at
 * that moment, then waits for the rest. A connection busy with a request at that moment
 * becomes idle a few milliseconds later and would then be kept open until its keep-alive
 * timeout, holding the whole shutdown. So from the moment close begins, every response
 * says `Connection: close`, and Node ends its connection once it is sent. A client that
 * never finishes its request is cut off after `graceMs`.
 */
export function drainOnClose(instance: FastifyInstance, graceMs: number): void {
  let closing = false;
  instance.addHook('preClose', async () => {
    closing = true;
    setTimeout(() => instance.server.closeAllConnections(), graceMs).unref();
  });
  instance.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });
}
