import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { ErrorBody } from './error-body';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429 | 503;

const DESCRIPTIONS: Record<ErrorStatus, string> = {
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

// What the service answers in each case (src/http/http-exception.filter.ts and the errors it maps);
// a route with its own wording passes it as [status, message].
const MESSAGES: Record<ErrorStatus, string> = {
  400: 'property colour should not exist',
  401: 'Authentication required: send Authorization: Bearer <token> or X-Api-Key: <key>',
  403: "This needs the 'write' role",
  404: 'Counter 3f0c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a55 not found',
  409: 'Stream 3f0c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a55 is at version 7, expected 6',
  412: 'Counter 3f0c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a55 is at version 5, not 4',
  413: 'Request body is larger than the limit',
  415: 'Send the body as application/json, not text/plain',
  422: 'Counter 3f0c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a55 is at 2: decrementing by 5 would take it below zero',
  429: 'Rate limit of 6000 per minute exceeded; retry after 12 s',
  503: 'Projection counter_views is being rebuilt; retry later',
};

export type ErrorSpec = ErrorStatus | [ErrorStatus, string];

/** The body the service answers with `status` and `message`: what the examples show. */
export function errorExample(status: ErrorStatus, message = MESSAGES[status]): ErrorBody {
  return { statusCode: status, error: STATUS_CODES[status]!, message };
}

/** Documents error responses, all of the `ErrorBody` shape, each with an example of its own. */
export function ApiErrors(...specs: ErrorSpec[]): MethodDecorator {
  return applyDecorators(
    ...specs.map((spec) => {
      const [status, message] = Array.isArray(spec) ? spec : [spec, undefined];
      return ApiResponse({
        status,
        description: DESCRIPTIONS[status],
        type: ErrorBody,
        example: errorExample(status, message),
        headers: status === 503 ? { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', example: 1 } } } : undefined,
      });
    }),
  );
}
