import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor, Principal } from './principal';

export const IS_PUBLIC = 'isPublic';
/** Marks a route that needs no sign-in. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

type AuthedRequest = FastifyRequest & { user?: Principal };

/** The signed-in caller and the request id, for services and audit. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  return { principal: req.user as Principal, requestId: String(req.id) };
});
