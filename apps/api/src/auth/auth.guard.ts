import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { problem } from '../http/problem.js';
import { AccessTokens } from '@jixiao/application';
import { allowedRolesKey } from './allow.decorator.js';
import type { Principal, Role } from '@jixiao/application';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** Who is calling (401) and whether their role may call this route (403). Scope checks come later, with the project. */
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
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match ? await this.tokens.authenticate(match[1]!) : undefined;
    if (!principal) {
      throw problem(401, 'unauthenticated', 'Unauthenticated', 'Send a valid bearer token in the Authorization header');
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
