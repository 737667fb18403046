import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ProjectState } from '@jixiao/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem } from '../http/problem.js';
import { IdempotencyKeys, type RecordedResponse } from '../idempotency/idempotency-keys.js';
import { newId } from '../ids.js';
import type { CommandContext } from './command-context.js';
import type { AnyProjectCommandMessage } from './project-command.handlers.js';
import type { CommandOutcome } from './project-command.executor.js';

export interface ProjectView extends ProjectState {
  readonly revision: number;
}

export const projectView = (state: ProjectState, revision: number): ProjectView => ({ ...state, revision });

/** ETag is the stream revision, quoted as HTTP wants it. */
export const etagFor = (revision: number) => `"${revision}"`;

/**
 * The HTTP side of every command route: build the context from the request, honour
 * Idempotency-Key, send the command over the bus, answer with the project and its ETag.
 */
@Injectable()
export class CommandResponder {
  constructor(
    private readonly bus: CommandBus,
    private readonly idempotency: IdempotencyKeys,
  ) {}

  async run(
    request: FastifyRequest,
    reply: FastifyReply,
    message: (context: CommandContext) => AnyProjectCommandMessage,
    options: { created?: boolean } = {},
  ): Promise<void> {
    const context = commandContext(request);
    const key = context.idempotencyKey;
    const bodyHash = key ? IdempotencyKeys.bodyHash(request.method, request.url, request.body) : '';
    const replay = key ? await this.idempotency.recorded(context.principal.id, key, bodyHash) : undefined;
    if (replay) return send(reply.header('idempotent-replayed', 'true'), replay);

    let outcome: CommandOutcome;
    try {
      outcome = await this.bus.execute(message(context));
    } catch (error) {
      // A twin request with the same key may have succeeded meanwhile; its answer is the answer.
      const twin = key ? await this.idempotency.recorded(context.principal.id, key, bodyHash) : undefined;
      if (twin) return send(reply.header('idempotent-replayed', 'true'), twin);
      throw error;
    }
    const response: RecordedResponse = {
      status: options.created ? 201 : 200,
      headers: {
        etag: etagFor(outcome.revision),
        ...(options.created ? { location: `/api/v1/projects/${encodeURIComponent(outcome.projectId)}` } : {}),
      },
      body: projectView(outcome.state, outcome.revision),
    };
    send(reply, key ? await this.idempotency.record(context.principal.id, key, bodyHash, response) : response);
  }
}

function send(reply: FastifyReply, response: RecordedResponse): void {
  void reply.status(response.status).headers(response.headers).send(response.body);
}

export function commandContext(request: FastifyRequest): CommandContext {
  const principal = request.principal;
  if (!principal) throw problem(401, 'unauthenticated', 'Unauthenticated', 'No principal on the request');
  const key = header(request, 'idempotency-key');
  if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw problem(400, 'idempotency-key-invalid', 'Invalid Idempotency-Key', 'Use 1–200 visible ASCII characters');
  }
  const ifMatch = parseIfMatch(header(request, 'if-match'));
  return {
    principal,
    correlationId: String(request.id),
    commandId: newId(),
    ...(ifMatch !== undefined ? { ifMatch } : {}),
    ...(key !== undefined ? { idempotencyKey: key } : {}),
  };
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(-?\d+)"?$/.exec(value.trim());
  if (!match) throw problem(400, 'if-match-invalid', 'Invalid If-Match', 'If-Match must be an ETag this api returned, such as "3"');
  return Number(match[1]);
}
