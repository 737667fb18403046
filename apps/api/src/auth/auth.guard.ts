import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AccessTokens, type Role } from '@jixiao/application';
import { problem } from '../http/problem.js';
import { allowedRolesKey } from './allow.decorator.js';
import { principalOf } from './authenticate-on-headers.js';

/**
 * Who is calling (401) and whether their role may call this route (403). The principal is
 * normally found before the body was read (authenticate-on-headers.ts); a route outside
 * those paths that still names roles authenticates here. Scope checks come later, with the
 * project, and answer like a project that does not exist.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(allowedRolesKey, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!allowed) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = request.principal ?? (await principalOf(this.tokens, request));
    if (!principal) {
      throw problem(401, 'unauthenticated', 'Unauthenticated', 'Send a valid, unexpired bearer token in the Authorization header');
    }
    request.principal = principal;
    if (!allowed.includes(principal.role)) {
      throw problem(403, 'forbidden-role', 'Forbidden', `The ${principal.role} role may not do this`, {
        allowedRoles: allowed,
      });
    }
    return true;
  }
}
