import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

export const CORRELATION_HEADER = 'x-correlation-id';
const ACCEPTABLE = /^[\w.:-]{1,128}$/;

/** Takes the caller's X-Correlation-Id (or makes one), and echoes it on the response. */
@Injectable()
export class CorrelationIdMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const given = request.header(CORRELATION_HEADER);
    const correlationId = given && ACCEPTABLE.test(given) ? given : randomUUID();
    request.headers[CORRELATION_HEADER] = correlationId;
    response.setHeader('X-Correlation-Id', correlationId);
    next();
  }
}
