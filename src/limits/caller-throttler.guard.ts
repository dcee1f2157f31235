import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { actorKey, callerOf } from '../auth/caller';

/**
 * Rate limits per caller: the authenticated actor, else the client IP. Runs after the AuthGuard
 * (registered after it), so the actor is known. Answers 429 with `Retry-After` in seconds.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const req = request as unknown as Request;
    return actorKey(callerOf(req).actor) ?? `ip:${req.ip}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    throw new ThrottlerException(`Rate limit of ${detail.limit} per minute exceeded; retry after ${Math.max(1, detail.timeToBlockExpire)} s`);
  }
}
