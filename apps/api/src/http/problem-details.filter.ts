import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { AccessRefused, ConcurrencyConflict, DomainRefusal, IdempotencyKeyReused, PreconditionFailed } from '@jixiao/application';
import { EventStoreError, StoreBusyError, WrongExpectedRevisionError } from '@jixiao/event-store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, problem, type ProblemDetails } from './problem.js';

const domainStatus = { 'not-found': 404, 'wrong-stage': 409, invariant: 422 } as const;

/** Turns every error into application/problem+json; nothing else ever leaves the api. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const details = { ...this.toProblem(exception), instance: request.url };
    if (details.status >= 500 && !(exception instanceof StoreBusyError)) this.logger.error(exception);
    // A busy database is temporary: say when to come back (RFC 9110 §10.2.3).
    if (exception instanceof StoreBusyError) void reply.header('retry-after', String(exception.retryAfterSeconds));
    void reply.status(details.status).header('content-type', 'application/problem+json').send(details);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof DomainRefusal) {
      const { kind, ruleId, message, details } = exception.error;
      return problem(domainStatus[kind], `domain/${ruleId}`, titles[kind], message.en, {
        ruleId,
        message,
        ...(Object.keys(details).length ? { facts: details } : {}),
      }).problem;
    }
    if (exception instanceof PreconditionFailed) {
      return problem(412, 'precondition-failed', 'Precondition failed', `If-Match was ${JSON.stringify(exception.expectedRevision)}; the project is at ${exception.actualRevision ?? 'no revision'}`, {
        expectedRevision: exception.expectedRevision,
        actualRevision: exception.actualRevision ?? null,
      }).problem;
    }
    if (exception instanceof ConcurrencyConflict) {
      return problem(409, 'concurrency-conflict', 'Conflict', exception.message, { attempts: exception.attempts }).problem;
    }
    if (exception instanceof AccessRefused) return problem(403, exception.reason, 'Forbidden', exception.message).problem;
    if (exception instanceof IdempotencyKeyReused) {
      return problem(422, 'idempotency-key-reused', 'Idempotency-Key reused', exception.message).problem;
    }
    if (exception instanceof WrongExpectedRevisionError) {
      return problem(409, 'concurrency-conflict', 'Conflict', exception.message, {
        expectedRevision: exception.expected,
        actualRevision: exception.actual ?? null,
      }).problem;
    }
    if (exception instanceof StoreBusyError) {
      return problem(503, 'store-busy', 'Store busy', exception.message, { retryAfterSeconds: exception.retryAfterSeconds }).problem;
    }
    if (exception instanceof EventStoreError) {
      return problem(422, `store/${exception.code}`, 'Refused by the event store', exception.message).problem;
    }
    const fastifyCode = (exception as { code?: string })?.code;
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return problem(413, 'body-too-large', 'Payload too large', 'The request body is over 1 MiB').problem;
    }
    if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return problem(415, 'unsupported-media-type', 'Unsupported media type', 'Send a JSON body').problem;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      return problem(status, `http/${status}`, exception.name.replace(/Exception$/, ''), detail).problem;
    }
    const status = (exception as { statusCode?: number })?.statusCode;
    if (status && status >= 400 && status < 500) {
      return problem(status, `http/${status}`, 'Bad request', (exception as Error).message).problem;
    }
    return problem(500, 'internal', 'Internal error', 'The server could not complete the request').problem;
  }
}

const titles = { 'not-found': 'Not found', 'wrong-stage': 'Wrong stage', invariant: 'Domain rule broken' };
