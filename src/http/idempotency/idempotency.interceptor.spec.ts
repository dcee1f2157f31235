import { BadRequestException } from '@nestjs/common';
import { CounterBelowZeroError } from '../../counters/domain/counter.errors';
import { AggregateNotFoundError, ConcurrencyError, IdempotencyKeyReusedError, VersionMismatchError } from '../../event-sourcing';
import { recordedRefusal } from './idempotency.interceptor';

describe('recordedRefusal: which refusals are a key\'s final answer', () => {
  it.each([
    ['an unknown aggregate (404)', new AggregateNotFoundError('Counter', 'c1'), 404],
    ['a stale If-Match (412)', new VersionMismatchError('Counter', 'c1', 2, 3), 412],
    ['a broken business rule (422)', new CounterBelowZeroError('c1', 0, 1), 422],
  ])('records %s with the body the client got', (_, error, status) => {
    expect(recordedRefusal(error)).toEqual({ status, body: { statusCode: status, error: expect.any(String), message: error.message } });
  });

  it.each([
    ['a malformed request (400)', new BadRequestException('by must be an integer')],
    ['lost races (409)', new ConcurrencyError('c1', 1, 2)],
    ['an unexpected error (500)', new Error('disk full')],
    ['a key reused for another request (422 about the key, not the command)', new IdempotencyKeyReusedError('k')],
  ])('records nothing for %s', (_, error) => {
    expect(recordedRefusal(error)).toBeNull();
  });
});
