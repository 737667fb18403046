import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, type ProblemDetails } from './problem.js';

/**
 * Problems for the errors raised before Nest sees a request, so that every answer the
 * server sends is application/problem+json with a stable type: the router's (bad
 * %-encoding 400, a path parameter over 100 characters 414) and Node's HTTP parser's
 * (a malformed request line, header or Content-Length 400, headers too large 431).
 */

/** Fastify's `frameworkErrors` option: the router refused the URL before any route ran. */
export function answerFrameworkError(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const details = { ...frameworkProblem(error), instance: safeInstance(request.raw.url) };
  void reply.status(details.status).header('content-type', 'application/problem+json').send(JSON.stringify(details));
}

function frameworkProblem(error: Error & { code?: string }): ProblemDetails {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return problem(400, 'bad-url', 'Bad request', 'The URL has a malformed %-encoding').problem;
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return problem(414, 'uri-too-long', 'URI too long', 'A path parameter is over 100 characters').problem;
    default:
      return problem(400, 'bad-request', 'Bad request', 'The request could not be routed').problem;
  }
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the bytes, so there is no
 * request to reply to, only the socket. Writes a complete problem+json response and
 * closes the connection, as the framework's own handler does with plain JSON.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const [status, slug, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers-too-large', 'The request headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request-timeout', 'The request took too long to arrive']
        : [400, 'malformed-request', 'The request line, a header or Content-Length is malformed'];
  const body = JSON.stringify(problem(status, slug, STATUS_CODES[status] ?? 'Bad request', detail).problem);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The raw URL echoed as `instance` only when it is printable ASCII; a hostile one is not reflected. */
const safeInstance = (url: string | undefined) => (url && /^[\x21-\x7e]{1,2000}$/.test(url) ? url : undefined);
