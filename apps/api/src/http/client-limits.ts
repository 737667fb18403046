import type { FastifyInstance } from 'fastify';
import type { HttpLimits } from '@jixiao/application';

/**
 * Bounds what a client can hold: the HTTP server's own timeouts for the headers, the whole
 * request and an idle keep-alive connection (checked four times a second, not every 30 s as by default),
 * and a cap on open connections per client address. A connection over the cap is closed
 * at once, before anything is read from it.
 */
export const serverOptionsFor = (limits: HttpLimits) => ({
  requestTimeout: limits.requestTimeoutMs,
  keepAliveTimeout: limits.keepAliveTimeoutMs,
  // Fastify passes these to http.createServer.
  http: {
    headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: 250,
  },
});

export function capConnectionsPerClient(instance: FastifyInstance, max: number): void {
  const open = new Map<string, number>();
  instance.server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
