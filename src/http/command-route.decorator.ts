import { applyDecorators, HttpCode, Post, Type, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { HeadersObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ApiErrors, ErrorSpec } from './api-errors.decorator';
import { CommandAnswerInterceptor, fillPath } from './command-answer.interceptor';
import { Idempotent } from './idempotency/idempotent.decorator';

export interface CommandRouteOptions {
  /** Stable name for generated clients, such as `incrementCounter`. */
  operationId: string;
  summary: string;
  description?: string;
  /** The answer's class: it has at least `id` and `version`. */
  answer: Type<unknown>;
  /** Path template of the resource a creating command makes (`/counters/{id}`): the answer is 201 with Location. */
  creates?: string;
  /** Whether the command accepts `If-Match: "<version>"` (commands on an existing aggregate). */
  ifMatch?: boolean;
  /** Whether it takes an `Idempotency-Key` (executed once per key; repeats answered from the record). */
  idempotent?: boolean;
  errors: ErrorSpec[];
}

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The version you last saw, in quotes ("4"), as an ETag gave it. If the aggregate has moved on, 412 and nothing is recorded.',
  schema: { type: 'string', example: '"4"' },
};

const ETAG = { description: 'The version after the command, quoted ("4"): send it back as If-Match', schema: { type: 'string', example: '"1"' } };

/**
 * A POST route that executes a command: status, answer headers (strong ETag, Location on 201) and
 * its whole OpenAPI description in one place, for every capability's commands.
 */
export function CommandRoute(path: string, options: CommandRouteOptions): MethodDecorator {
  const status = options.creates ? 201 : 200;
  const location = options.creates && {
    description: `Where the new resource is read: ${options.creates}`,
    schema: { type: 'string', example: fillPath(options.creates, { id: '3f0c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a55' }) },
  };
  const headers: HeadersObject = location ? { ETag: ETAG, Location: location } : { ETag: ETAG };
  return applyDecorators(
    Post(path),
    HttpCode(status),
    // First, so outermost: a replayed answer gets its ETag and Location too.
    UseInterceptors(new CommandAnswerInterceptor(options.creates)),
    ...(options.idempotent ? [Idempotent()] : []),
    ApiOperation({ operationId: options.operationId, summary: options.summary, description: options.description }),
    ...(options.ifMatch ? [ApiHeader(IF_MATCH)] : []),
    ApiResponse({ status, type: options.answer, headers }),
    // Every command route answers these whatever it does: credentials, roles, JSON bodies only, rate limits.
    ApiErrors(...options.errors, 401, 403, 415, 429),
  );
}
