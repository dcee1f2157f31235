import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, lastValueFrom, map, Observable } from 'rxjs';
import { IdempotencyClaim, IdempotencyKeyReusedError, IdempotentCommands, IdempotentOutcome, RecordedAnswer } from '../../event-sourcing';
import { errorBodyOf } from '../http-exception.filter';
import { IDEMPOTENT_REPLAYED_HEADER, idempotencyKeyOf, idempotencyScopeOf } from './idempotency-key';
import { requestFingerprint } from './request-fingerprint';

// Final answers of the domain, recorded so that a repeat is refused the same way. A 400 (fix the
// request), a 409 (lost races: try again) and anything else are not final and not recorded.
const RECORDED_REFUSALS = new Set([HttpStatus.NOT_FOUND, HttpStatus.PRECONDITION_FAILED, HttpStatus.UNPROCESSABLE_ENTITY]);

const CLAIM = Symbol('chronicle:idempotency-claim');

/** The claim the IdempotencyInterceptor made for this request, to go into its command's context. */
export function idempotencyClaimOf(request: Request): IdempotencyClaim | undefined {
  return (request as Request & { [CLAIM]?: IdempotencyClaim })[CLAIM];
}

/**
 * Makes a command route idempotent when the request carries an `Idempotency-Key` (see
 * `@Idempotent()`): executed once, answered from the record on every repeat.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  /** Each route's success status, read from its metadata once (reflection costs on every request). */
  private readonly successStatuses = new WeakMap<object, number>();

  constructor(
    private readonly commands: IdempotentCommands,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = idempotencyKeyOf(request);
    if (key === undefined) return next.handle();
    const idempotent = {
      scope: idempotencyScopeOf(request),
      key,
      fingerprint: requestFingerprint(request),
      successStatus: this.successStatus(context, request),
    };
    const run = (claim: IdempotencyClaim) => {
      (request as Request & { [CLAIM]?: IdempotencyClaim })[CLAIM] = claim;
      return lastValueFrom(next.handle());
    };
    const response = context.switchToHttp().getResponse<Response>();
    return from(this.commands.execute(idempotent, run, recordedRefusal)).pipe(map((outcome) => answer(outcome, response)));
  }

  /** What the route answers on success: its @HttpCode, else Nest's default (201 for POST). */
  private successStatus(context: ExecutionContext, request: Request): number {
    const handler = context.getHandler();
    let status = this.successStatuses.get(handler);
    if (status === undefined) {
      const declared = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, handler);
      status = declared ?? (request.method === RequestMethod[RequestMethod.POST] ? HttpStatus.CREATED : HttpStatus.OK);
      this.successStatuses.set(handler, status);
    }
    return status;
  }
}

/** The answer an error leaves as the key's final answer, or null when it is not final (nothing recorded). */
export function recordedRefusal(error: unknown): RecordedAnswer | null {
  // A 422 about the key itself says nothing about the command.
  if (error instanceof IdempotencyKeyReusedError) return null;
  const body = errorBodyOf(error);
  return RECORDED_REFUSALS.has(body.statusCode) ? { status: body.statusCode, body } : null;
}

/** The recorded answer: a success as the route's body (same status), a refusal through the exception filter. */
function answer({ answer, replayed }: IdempotentOutcome, response: Response): unknown {
  if (replayed) response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
  if (answer.status >= 400) throw new HttpException(answer.body as Record<string, unknown>, answer.status);
  return answer.body;
}
