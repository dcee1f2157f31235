import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { CommandContext, newCommandContext } from '../event-sourcing';
import { CORRELATION_HEADER } from './correlation-id.middleware';
import { idempotencyClaimOf } from './idempotency/idempotency.interceptor';

/** A fresh command context carrying the request's correlation id and, on an idempotent route, its claim. */
export const CommandCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  const request = ctx.switchToHttp().getRequest<Request>();
  const context = newCommandContext(request.header(CORRELATION_HEADER));
  const idempotency = idempotencyClaimOf(request);
  return idempotency ? { ...context, idempotency } : context;
});
