import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-key';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Marks a command route as idempotent: with an `Idempotency-Key`, it is executed once and every
 * repeat is answered from the record. Its handler must take the context from `@CommandCtx()` and
 * give the repository an `answer` (see docs/idempotency.md).
 */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        '1 to 200 printable ASCII characters. The first request with a key is executed and its answer (success, or a 404/412/422 ' +
        'refusal) recorded with its events; a repeat with the same route and body gets that answer again with ' +
        '`Idempotent-Replayed: true` and records nothing; with another route or body, 422. A repeat that arrives while the first ' +
        'is still running waits for it. Keys are kept IDEMPOTENCY_TTL_HOURS.',
    }),
  );
}
