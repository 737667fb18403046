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
  type IfMatch,
} from '@jixiao/application';
import type { ProjectState } from '@jixiao/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseEntityTagCondition, strongRevisions } from '../http/entity-tags.js';
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
  // Repeated If-Match lines form one list (RFC 9110 §5.3).
  return Array.isArray(value) ? value.join(', ') : value;
}

/** If-Match per RFC 9110 (entity-tags.ts); a malformed header never gets here: conditional-requests.ts answers 400 first. */
function parseIfMatch(value: string | undefined): IfMatch | undefined {
  if (value === undefined) return undefined;
  const condition = parseEntityTagCondition(value);
  if (!condition) throw problem(400, 'precondition-malformed', 'Invalid conditional header', 'If-Match must be "*" or a list of entity tags such as "3"');
  return strongRevisions(condition);
}
