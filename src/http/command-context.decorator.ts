import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { callerOf } from '../auth/caller';
import { newCommandContext } from '../event-sourcing';
import { CORRELATION_HEADER } from './correlation-id.middleware';

/** A fresh command context carrying the request's correlation id and its caller as the actor. */
export const CommandCtx = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const request = ctx.switchToHttp().getRequest<Request>();
  return newCommandContext(request.header(CORRELATION_HEADER), callerOf(request).actor);
});
