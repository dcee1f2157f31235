import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from './error-body';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid body, query, path or header; the message names the field',
  404: 'No such resource',
  409: 'Lost a race with concurrent writers more often than the retry limit allows',
  412: 'If-Match names a version other than the current one; nothing was recorded',
  413: 'Body larger than BODY_LIMIT',
  422: 'The request is valid but breaks a business rule, or reuses an Idempotency-Key for another route or body; nothing was recorded',
  503: 'The read model is being rebuilt or did not reach minPosition in time, the database is full or read-only (nothing was recorded), or a limit such as live-feed connections is reached; retry after Retry-After seconds',
};

/** Documents error responses, all of the `ErrorBody` shape. */
export function ApiErrors(...statuses: (keyof typeof DESCRIPTIONS)[]): MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorBody })));
}
