import { applyDecorators, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { Allow } from '../auth/allow.decorator.js';
import type { Role } from '@jixiao/application';

/** A command route: its roles, its OpenAPI description and the headers every command honours. */
export const CommandRoute = (path: string, summary: string, ...roles: Role[]) =>
  applyDecorators(
    Post(path),
    Allow(...roles),
    ApiBearerAuth(),
    ApiOperation({ summary, description: `Roles: ${roles.join(', ')}` }),
    ApiHeader({ name: 'If-Match', required: false, description: 'ETag (stream revision) the command is conditional on; 412 on mismatch' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replays the first response to a retry with the same body' }),
    ApiResponse({ status: 400, description: 'Invalid input, each failing field listed (problem+json)' }),
    ApiResponse({ status: 404, description: 'Unknown project' }),
    ApiResponse({ status: 409, description: 'Wrong stage, or a concurrency conflict that retries did not clear' }),
    ApiResponse({ status: 412, description: 'If-Match did not match the project revision' }),
    ApiResponse({ status: 422, description: 'A domain rule was broken; ruleId names it' }),
  );
