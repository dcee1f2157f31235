import { BadRequestException } from '@nestjs/common';
import type { Request } from 'express';
import { actorKey, callerOf } from '../../auth/caller';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

// 1 to 200 printable ASCII characters (space to tilde).
const ACCEPTABLE = /^[\x20-\x7e]{1,200}$/;

/** The request's Idempotency-Key, undefined without one. @throws BadRequestException naming the header. */
export function idempotencyKeyOf(request: Request): string | undefined {
  const key = request.header(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) return undefined;
  if (!ACCEPTABLE.test(key)) throw new BadRequestException(`${IDEMPOTENCY_KEY_HEADER} must be 1 to 200 printable ASCII characters`);
  return key;
}

/**
 * The scope keys are unique in: each authenticated caller has its own (`http:user:alice`,
 * `http:api-key:billing`), so two callers cannot collide or replay each other's answers; anonymous
 * callers (authentication off) share `http`. The AuthGuard has run before the interceptor asks.
 */
export function idempotencyScopeOf(request: Request): string {
  const actor = actorKey(callerOf(request).actor);
  return actor === null ? 'http' : `http:${actor}`;
}
