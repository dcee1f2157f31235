import { Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

export const CORRELATION_HEADER = 'x-correlation-id';
const ACCEPTABLE = /^[\w.:-]{1,128}$/;
const ASSIGNED = Symbol('chronicle:correlation-id');

/**
 * The request's correlation id: the caller's X-Correlation-Id if acceptable, else a new one; set
 * on the request headers and echoed on the response. Idempotent, so the request logger (which may
 * run before this app's middleware) and the middleware below agree on one id.
 */
export function ensureCorrelationId(request: IncomingMessage, response: ServerResponse): string {
  const tagged = request as IncomingMessage & { [ASSIGNED]?: string };
  if (tagged[ASSIGNED]) return tagged[ASSIGNED];
  const given = request.headers[CORRELATION_HEADER];
  const correlationId = typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
  request.headers[CORRELATION_HEADER] = correlationId;
  if (!response.headersSent) response.setHeader('X-Correlation-Id', correlationId);
  tagged[ASSIGNED] = correlationId;
  return correlationId;
}

/** Takes the caller's X-Correlation-Id (or makes one), and echoes it on the response. */
@Injectable()
export class CorrelationIdMiddleware implements NestMiddleware {
  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    ensureCorrelationId(request, response);
    next();
  }
}
