import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import {
  AggregateNotFoundError,
  BusinessRuleError,
  ConcurrencyError,
  IdempotencyKeyReusedError,
  isWriteConflict,
  ParkedEventNotFoundError,
  ParkedEventStillFailingError,
  ParkingConflictError,
  ReadModelUnavailableError,
  StorageFaults,
  VersionMismatchError,
} from '../event-sourcing';
import type { ErrorBody } from './error-body';
import { ServiceBusyError } from './service-busy.error';

// Domain errors, mapped to HTTP in this one place.
const STATUS_BY_ERROR: [abstract new (...args: never[]) => Error, HttpStatus][] = [
  [AggregateNotFoundError, HttpStatus.NOT_FOUND],
  [VersionMismatchError, HttpStatus.PRECONDITION_FAILED],
  [ConcurrencyError, HttpStatus.CONFLICT],
  [BusinessRuleError, HttpStatus.UNPROCESSABLE_ENTITY],
  [IdempotencyKeyReusedError, HttpStatus.UNPROCESSABLE_ENTITY],
  [ReadModelUnavailableError, HttpStatus.SERVICE_UNAVAILABLE],
  [ParkingConflictError, HttpStatus.CONFLICT],
  [ParkedEventNotFoundError, HttpStatus.NOT_FOUND],
  [ParkedEventStillFailingError, HttpStatus.UNPROCESSABLE_ENTITY],
  [ServiceBusyError, HttpStatus.SERVICE_UNAVAILABLE],
];

// A full or read-only database needs an operator (or freed space): clients should not hammer it.
const STORAGE_FAULT_RETRY_AFTER_S = '10';

/**
 * The status an error is answered with, a storage fault aside (503, which needs the filter's
 * state); also how command metrics classify an outcome.
 */
export function httpStatusOf(exception: unknown): number {
  if (exception instanceof HttpException) return exception.getStatus();
  const mapped = STATUS_BY_ERROR.find(([errorClass]) => exception instanceof errorClass);
  if (mapped) return mapped[1];
  if (isWriteConflict(exception)) return HttpStatus.CONFLICT;
  // body-parser errors carry their own status: malformed JSON (400), too large (413).
  const status = (exception as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : HttpStatus.INTERNAL_SERVER_ERROR;
}

/** Turns every error into `{ statusCode, error, message }`; an unexpected one is logged, never shown. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly storageFaults: StorageFaults) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const fault = this.storageFaults.record(exception);
    const body = fault ? errorBody(HttpStatus.SERVICE_UNAVAILABLE, `The database is ${fault}: nothing was recorded; retry later`) : errorBodyOf(exception);
    if (exception instanceof ReadModelUnavailableError) response.setHeader('Retry-After', '1');
    else if (exception instanceof ServiceBusyError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    else if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    if (fault) response.setHeader('Retry-After', STORAGE_FAULT_RETRY_AFTER_S);
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }
}

/**
 * The answer an error gets (a storage fault aside, which the filter reports as 503): also what an
 * idempotent command records for a refusal.
 */
export function errorBodyOf(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const payload = exception.getResponse();
    const message = typeof payload === 'string' ? payload : (payload as { message?: string | string[] }).message;
    return errorBody(status, Array.isArray(message) ? message.join('; ') : (message ?? exception.message));
  }
  const status = httpStatusOf(exception);
  if (status === HttpStatus.INTERNAL_SERVER_ERROR) return errorBody(status, 'Internal server error');
  if (STATUS_BY_ERROR.some(([errorClass]) => exception instanceof errorClass)) return errorBody(status, (exception as Error).message);
  if (isWriteConflict(exception)) return errorBody(status, 'A concurrent write got in the way; nothing was recorded, retry');
  return errorBody(status, status === 413 ? 'Request body is larger than the limit' : `Malformed request body: ${(exception as Error).message}`);
}

function errorBody(statusCode: number, message: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}
