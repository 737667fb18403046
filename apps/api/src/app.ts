import 'reflect-metadata';
import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { EventStore } from '@jixiao/event-store';
import { AppModule } from './app.module.js';
import type { AppConfig } from '@jixiao/application';
import type { ReadModels } from '@jixiao/application';
import { validationPipe } from './http/validation.pipe.js';
import { drainOnClose } from './http/drain-on-close.js';
import { answerClientError, answerFrameworkError } from './http/edge-errors.js';
import { parseJsonBody } from './http/json-body.js';
import { problem } from './http/problem.js';
import { conditionalRequests } from './http/conditional-requests.js';
import { capConnectionsPerClient, serverOptionsFor } from './http/client-limits.js';
import { authenticateOnHeaders } from './auth/authenticate-on-headers.js';
import { AccessTokens } from '@jixiao/application';
import { newId } from '@jixiao/application';
import { CommandBus } from '@nestjs/cqrs';
import { Rulebooks } from '@jixiao/application';
import { WorkflowHost } from './workflow/workflow-host.js';
import { openApiDocument } from './openapi/openapi-document.js';
import { serveWebConsole } from './web/web-console.js';

export interface CreateAppOptions {
  readonly config: AppConfig;
  readonly store: EventStore;
  /** The read side; its runner is started with the app and stopped when it closes. */
  readonly readModels: ReadModels;
  readonly clock?: () => Date;
  /** false silences request logs (tests, benchmarks). */
  readonly logger?: boolean;
}

/** Builds the api on Fastify: 1 MiB body limit, strict JSON bodies (UTF-8, depth ≤ 32, input rules), conditional requests, correlation ids, pino JSON logs, OpenAPI at /api/docs. */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const { config, store } = options;
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    ...serverOptionsFor(config.http),
    // Fastify logs with pino; the request id is the correlation id, taken from X-Correlation-Id when sent.
    logger: options.logger === false ? false : { level: config.logLevel },
    requestIdHeader: 'x-correlation-id',
    genReqId: () => newId(),
    // Errors raised before Nest sees the request answer problem+json too (see edge-errors.ts).
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  // The only JSON parser: strict UTF-8, bounded depth, then the input rules (json-body.ts).
  adapter.useBodyParser('application/json', false, { bodyLimit: 1024 * 1024 }, async (_request: unknown, body: Buffer) => parseJsonBody(body));
  // No other body reaches a route: a form or plain text would skip the JSON parser's rules.
  adapter.getInstance().removeContentTypeParser('text/plain');
  adapter.useBodyParser('application/x-www-form-urlencoded', false, { bodyLimit: 1024 * 1024 }, async () => {
    throw problem(415, 'unsupported-media-type', 'Unsupported media type', 'Send a JSON body');
  });
  conditionalRequests(adapter.getInstance());
  drainOnClose(adapter.getInstance(), 10_000);
  capConnectionsPerClient(adapter.getInstance(), config.http.maxConnectionsPerClient);
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    void reply.header('x-correlation-id', request.id);
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, store, readModels: options.readModels, clock: options.clock ?? (() => new Date()) }),
    adapter,
    { logger: options.logger === false ? false : ['error', 'warn'] },
  );
  authenticateOnHeaders(adapter.getInstance(), app.get(AccessTokens));
  app.setGlobalPrefix('api', { exclude: ['health', 'health/details', 'metrics'] });
  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(validationPipe);
  const document = openApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await serveWebConsole(app);
  // Projections run in-process by default, so one command serves a whole installation.
  options.readModels.runner.start();
  // So does the workflow, unless JIXIAO_WORKFLOW=off leaves it to apps/worker.
  const workflow = app.get(WorkflowHost);
  if (config.workflow) {
    await workflow.start({
      store,
      db: options.readModels.db,
      bus: app.get(CommandBus),
      rulebooks: app.get(Rulebooks),
      clock: options.clock ?? (() => new Date()),
      onError: (error) => console.error('workflow pass failed; the next pass retries from its checkpoint', error),
      maxAttempts: config.workflowMaxAttempts,
    });
  }
  // Fastify runs onClose hooks in reverse order of registration and adds its own
  // server-close hook when it becomes ready, after this one: so this runs once the server
  // takes no request and has answered those in flight. The store is the caller's, closed
  // after app.close() resolves (see shutdown.ts).
  adapter.getInstance().addHook('onClose', async () => {
    await workflow.stop();
    await options.readModels.runner.stop();
    await options.readModels.db.close();
  });
  return app;
}
