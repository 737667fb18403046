import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  commandAnswer,
  newId,
  requestHash,
  type AddressedCommand,
  type CommandContext,
  type Mint,
  type ProjectCommandResult,
} from '@jixiao/application';
import type { ProjectState } from '@jixiao/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem } from '../http/problem.js';
import { ProjectCommandMessage } from './project-command.handler.js';

/** GET /projects/:id: the whole project with its revision. */
export interface ProjectView extends ProjectState {
  readonly revision: number;
}

export const projectView = (state: ProjectState, revision: number): ProjectView => ({ ...state, revision });

/** ETag is the stream revision, quoted as HTTP wants it. */
export const etagFor = (revision: number) => `"${revision}"`;

/**
 * The HTTP side of every command route: the context from the request (principal,
 * If-Match, Idempotency-Key and the request's hash), the command over the bus, and
 * the answer `{ projectId, revision, events }` with its ETag (and Location when it
 * created the project). A keyed retry is answered from the stored events, marked
 * `Idempotent-Replayed: true`, with the same status and body.
 */
@Injectable()
export class CommandResponder {
  constructor(private readonly bus: CommandBus) {}

  async run(
    request: FastifyRequest,
    reply: FastifyReply,
    command: (mint: Mint) => AddressedCommand,
    options: { created?: boolean } = {},
  ): Promise<void> {
    const context = commandContext(request);
    const result = await this.bus.execute<ProjectCommandMessage, ProjectCommandResult>(new ProjectCommandMessage(command, context));
    void reply.status(options.created ? 201 : 200).header('etag', etagFor(result.revision));
    if (options.created) void reply.header('location', `/api/v1/projects/${encodeURIComponent(result.projectId)}`);
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    void reply.send(commandAnswer(result));
  }
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
    ...(key !== undefined ? { idempotencyKey: key, requestHash: requestHash(request.method, request.url, request.body) } : {}),
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
