import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Unauthorized } from '../errors/domain-errors';
import { IS_PUBLIC } from './decorators';
import { PrincipalLoader } from './principal.loader';
import type { Principal } from './principal';

export const INTEGRATION_TOKEN_PREFIX = 'otm_';

/** Global guard: every route needs a signed-in user or an integration token unless marked @Public(). */
@Injectable()
export class AuthGuard extends PassportGuard('jwt') {
  constructor(private readonly reflector: Reflector, private readonly loader: PrincipalLoader) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const header = req.headers.authorization ?? '';
    if (header.startsWith(`Bearer ${INTEGRATION_TOKEN_PREFIX}`)) {
      const principal = await this.loader.forIntegrationToken(header.slice(7));
      if (!principal) throw new Unauthorized('Unknown or revoked integration token');
      req.user = principal;
      return true;
    }
    return (await super.canActivate(ctx)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err instanceof Error && 'status' in err ? err : new Unauthorized('Sign-in required');
    if (!user) throw new Unauthorized('Sign-in required: a valid access token is missing or expired');
    return user;
  }
}
