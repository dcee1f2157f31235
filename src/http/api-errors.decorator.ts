import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from './error-body';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid body, query, path or header; the message names the field',
  401: 'No credentials, or invalid ones (with WWW-Authenticate: Bearer); nothing was recorded',
  403: 'The caller lacks the role this route needs; nothing was recorded',
  404: 'No such resource',
  409: 'Lost a race with concurrent writers more often than the retry limit allows',
  412: 'If-Match names a version other than the current one; nothing was recorded',
  413: 'Body larger than BODY_LIMIT',
  415: 'The body is not application/json; nothing was recorded',
  422: 'The request is valid but breaks a business rule, or reuses an Idempotency-Key for another route or body; nothing was recorded',
  429: 'Rate limit exceeded for this caller; retry after Retry-After seconds',
  503: 'The read model is being rebuilt or did not reach minPosition in time, the database is full or read-only (nothing was recorded), or a limit such as live-feed connections is reached; retry after Retry-After seconds',
};

/** Documents error responses, all of the `ErrorBody` shape. */
export function ApiErrors(...statuses: (keyof typeof DESCRIPTIONS)[]): MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorBody })));
}
