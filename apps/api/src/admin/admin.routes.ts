import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokens, idempotencySeed, IdempotencyKeyReused, publishRulebook, Rulebooks, UnknownTokenError, type IssuedToken } from '@jixiao/application';
import type { Rulebook } from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { commandContext } from '../commands/command-responder.js';
import { rulebookKeyFaults } from './rulebook-shape.js';
import { problem } from '../http/problem.js';
import { CLOCK, EVENT_STORE } from '../tokens.js';
import { IssueTokenDto, PublishRulebookDto, RevokeTokenDto } from './admin.dto.js';

@ApiTags('12 admin')
@ApiBearerAuth()
@Controller({ path: 'admin', version: '1' })
export class AdminRoutes {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly rulebooks: Rulebooks,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  @Post('tokens')
  @Allow('admin')
  @ApiOperation({ summary: "Issue a bearer token to a named person or system; the token is shown once, only its hash is kept, and it expires after the role's lifetime. A keyed retry answers its id and principal, without the token" })
  async issueToken(@Body() dto: IssueTokenDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const context = commandContext(request);
    const seed = idempotencySeed(context);
    let issued: IssuedToken;
    try {
      issued = await this.tokens.issue(dto, request.principal!, seed ? { seed, requestHash: context.requestHash! } : undefined);
    } catch (error) {
      if (error instanceof IdempotencyKeyReused) throw error;
      throw problem(422, 'token-request-invalid', 'Invalid token request', (error as Error).message);
    }
    if (issued.replayed) {
      void reply.header('idempotent-replayed', 'true');
      return { tokenId: issued.tokenId, expiresAt: issued.expiresAt, principal: issued.principal };
    }
    return { tokenId: issued.tokenId, token: issued.token, expiresAt: issued.expiresAt, principal: issued.principal };
  }

  @Get('tokens')
  @Allow('admin')
  @ApiOperation({ summary: 'Every token without its secret: holder, role, issued, expires, revoked, status and last use' })
  async listTokens() {
    return { tokens: await this.tokens.list() };
  }

  @Delete('tokens/:tokenId')
  @Allow('admin')
  @ApiOperation({ summary: 'Revoke a token; every api process sharing the store refuses it (401) within a second' })
  // The DTO class itself (not a union with undefined), so the validation pipe checks the body.
  async revokeToken(@Param('tokenId') tokenId: string, @Body() dto: RevokeTokenDto, @Req() request: FastifyRequest) {
    try {
      return await this.tokens.revoke(tokenId, request.principal!, dto?.reason);
    } catch (error) {
      if (error instanceof UnknownTokenError) throw problem(404, 'token-not-found', 'Not found', error.message);
      throw error;
    }
  }

  @Post('rulebooks')
  @Allow('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Publish a new rulebook version; later rule-driven events name it (If-Match and Idempotency-Key honoured)' })
  async publishRulebook(@Body() dto: PublishRulebookDto, @Req() request: FastifyRequest) {
    const rulebook = dto.rulebook as unknown as Rulebook;
    if (typeof rulebook.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$/.test(rulebook.id)) {
      throw problem(400, 'validation', 'Invalid request', 'rulebook.id must be a short name', { errors: [{ field: 'rulebook.id', constraints: ['rulebook.id must be a short name'] }] });
    }
    const unknownKeys = rulebookKeyFaults(rulebook);
    if (unknownKeys.length) {
      throw problem(400, 'validation', 'Invalid request', `${unknownKeys.length} field(s) failed validation: ${unknownKeys.map((f) => f.field).join(', ')}`, { errors: unknownKeys });
    }
    const result = await publishRulebook(this.store, this.rulebooks, rulebook, commandContext(request), this.clock);
    const published = result.events[0]?.data as { publishedAt?: string } | undefined;
    return { id: rulebook.id, version: rulebook.version, publishedAt: published?.publishedAt ?? null };
  }
}
