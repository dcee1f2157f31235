import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Environment } from '../config/environment';

const MINUTE_MS = 60_000;

/** Commands and reads have separate budgets per caller (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_READS_PER_MINUTE); 0 turns one off. */
export function rateLimitOptions(env: Environment): ThrottlerModuleOptions {
  const limitOf = (context: ExecutionContext) => (isRead(context) ? env.RATE_LIMIT_READS_PER_MINUTE : env.RATE_LIMIT_PER_MINUTE);
  return {
    throttlers: [
      {
        ttl: MINUTE_MS,
        limit: limitOf,
        skipIf: (context) => context.getType() !== 'http' || limitOf(context) === 0,
        generateKey: (context, tracker) => `${isRead(context) ? 'reads' : 'commands'}:${tracker}`,
      },
    ],
  };
}

function isRead(context: ExecutionContext): boolean {
  const method = context.switchToHttp().getRequest<Request>().method;
  return method === 'GET' || method === 'HEAD';
}
