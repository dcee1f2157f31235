import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS } from './access.decorator';
import { ApiKeys } from './api-keys/api-keys.service';
import { AuthSettings } from './auth-settings';
import { ANONYMOUS, Caller } from './caller';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';
import { grants, Role, ROLES } from './roles';

const EVERY_ROLE: ReadonlySet<Role> = new Set(ROLES);

/**
 * Identifies the caller (bearer token or X-Api-Key), stores it on the request (`callerOf`), and
 * lets the request through only with the role the route needs. Runs before any pipe or handler,
 * so a refused request records nothing.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly settings: AuthSettings,
    private readonly jwt: JwtVerifier,
    private readonly apiKeys: ApiKeys,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const required = this.reflector.getAllAndOverride<Role | 'public' | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    if (!this.settings.enabled) {
      request.caller = { actor: ANONYMOUS, roles: EVERY_ROLE };
      return true;
    }
    if (required === 'public') return true;
    const caller = await this.identify(request);
    request.caller = caller;
    const needed = required ?? defaultRole(request.method);
    if (!grants(caller.roles, needed)) throw new ForbiddenException(`This needs the '${needed}' role`);
    return true;
  }

  private async identify(request: Request): Promise<Caller> {
    const authorization = request.header('authorization');
    const apiKey = request.header('x-api-key');
    if (authorization !== undefined && apiKey !== undefined) throw new UnauthorizedException('Send either a bearer token or an API key, not both');
    if (apiKey !== undefined) {
      const caller = await this.apiKeys.authenticate(apiKey.trim());
      if (!caller) throw new UnauthorizedException('The API key is unknown or revoked');
      return caller;
    }
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedException('Authentication required: send Authorization: Bearer <token> or X-Api-Key: <key>');
    try {
      return await this.jwt.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}

/** Reading needs `read`; everything else is a command and needs `write`. */
function defaultRole(method: string): Role {
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}
