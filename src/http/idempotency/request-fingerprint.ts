import stableStringify from 'fast-json-stable-stringify';
import type { Request } from 'express';
import { createHash } from 'node:crypto';

/**
 * What a repeat of an idempotent request must match: method, path and body. The body is hashed in
 * a canonical form (keys sorted), so a client that serializes its fields in another order is
 * still recognized as repeating itself; no body counts as `{}`.
 */
export function requestFingerprint(request: Request): string {
  return createHash('sha256')
    .update(`${request.method} ${request.originalUrl}\n`)
    .update(stableStringify(request.body ?? {}))
    .digest('hex');
}
