import { BadRequestException } from '@nestjs/common';
import type { Request } from 'express';

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
 * The scope keys are unique in. Global for now; once requests carry an authenticated actor, each
 * caller gets its own scope here (`http:<actor id>`), so that two callers cannot collide.
 */
export function idempotencyScopeOf(_request: Request): string {
  return 'http';
}
