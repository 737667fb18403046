import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { rulebookDecider, rulebookStream, upcast, type Rulebook, type RulebookEvent } from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { AccessTokens } from '../auth/access-tokens.js';
import { Allow } from '../auth/allow.decorator.js';
import { DomainRefusal } from '../http/problem-details.filter.js';
import { rulebookKeyFaults } from './rulebook-shape.js';
import { problem } from '../http/problem.js';
import { EVENT_STORE } from '../store/event-store.provider.js';
import { IssueTokenDto, PublishRulebookDto } from './admin.dto.js';

@ApiTags('9 admin')
@ApiBearerAuth()
@Controller({ path: 'admin', version: '1' })
export class AdminRoutes {
  constructor(
    private readonly tokens: AccessTokens,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post('tokens')
  @Allow('admin')
  @ApiOperation({ summary: 'Issue a bearer token; the token is shown once, only its hash is kept' })
  async issueToken(@Body() dto: IssueTokenDto, @Req() request: FastifyRequest) {
    try {
      return await this.tokens.issue(dto, request.principal!.id);
    } catch (error) {
      throw problem(422, 'token-request-invalid', 'Invalid token request', (error as Error).message);
    }
  }

  @Post('rulebooks')
  @Allow('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Publish a new rulebook version; later rule-driven events name it' })
  async publishRulebook(@Body() dto: PublishRulebookDto, @Req() request: FastifyRequest) {
    const rulebook = dto.rulebook as unknown as Rulebook;
    if (typeof rulebook.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$/.test(rulebook.id)) {
      throw problem(400, 'validation', 'Invalid request', 'rulebook.id must be a short name', { errors: [{ field: 'rulebook.id', constraints: ['rulebook.id must be a short name'] }] });
    }
    const unknownKeys = rulebookKeyFaults(rulebook);
    if (unknownKeys.length) {
      throw problem(400, 'validation', 'Invalid request', `${unknownKeys.length} field(s) failed validation: ${unknownKeys.map((f) => f.field).join(', ')}`, { errors: unknownKeys });
    }
    const stream = rulebookStream(rulebook.id);
    let state = rulebookDecider.initialState;
    let revision: number | undefined;
    if ((await this.store.streamRevision(stream)) !== undefined) {
      for await (const event of this.store.readStream(stream)) {
        state = rulebookDecider.evolve(state, upcast(event) as RulebookEvent);
        revision = event.revision;
      }
    }
    const now = new Date().toISOString();
    const decision = rulebookDecider.decide({ type: 'PublishRulebook', rulebook }, state, { now });
    if (!decision.ok) throw new DomainRefusal(decision.error);
    const actor = request.principal!;
    await this.store.append(
      stream,
      decision.events.map((e) => ({
        id: uuidv7(), type: e.type, schemaVersion: e.schemaVersion, data: { ...e.data },
        metadata: { actor: { id: actor.id, role: actor.role, department: null }, correlationId: String(request.id), occurredAt: now },
      })),
      revision ?? 'no_stream',
    );
    return { id: rulebook.id, version: rulebook.version, publishedAt: now };
  }
}
