import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import type { Options } from 'pino-http';
import type { Environment } from '../../config/environment';
import { ensureCorrelationId } from '../../http/correlation-id.middleware';
import { callerOf, isQuietRoute, routeOf } from '../request-facts';

const PINO_LEVEL: Record<Environment['LOG_LEVEL'], string> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

// Belt and braces: the serializers below never emit headers, and these paths are censored if
// anything (a library error carrying its request, a future field) ever does.
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
  '*.password',
  '*.token',
];

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function pinoLevel(level: Environment['LOG_LEVEL']): string {
  return PINO_LEVEL[level];
}

/**
 * pino-http, shaped for operators: one line per request with method, route pattern, status,
 * duration, request and correlation ids and the caller; every line logged while the request is
 * handled carries the request id and the correlation id.
 */
export function pinoHttpOptions(env: Environment): Options {
  return {
    level: pinoLevel(env.LOG_LEVEL),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    genReqId: requestId,
    mixin: traceIds,
    customProps: (request, response) => ({ correlationId: ensureCorrelationId(request, response) }),
    serializers: {
      req: (request: { id?: unknown; method?: string }) => ({ id: request.id, method: request.method }),
    },
    customLogLevel: (request, response, error) => {
      if (error || response.statusCode >= 500) return 'error';
      return isQuietRoute(request) ? 'debug' : 'info';
    },
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (request, response, value: { responseTime?: number }) => requestSummary(request, response, value.responseTime),
    customErrorObject: (request, response, _error, value: { responseTime?: number }) => requestSummary(request, response, value.responseTime),
  };
}

/** The caller's X-Request-Id if acceptable, else a new one; echoed on the response. */
function requestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  if (!response.headersSent) response.setHeader('X-Request-Id', id);
  return id;
}

/** The active span's ids, so a log line leads to its trace (nothing when tracing is off). */
function traceIds(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

function requestSummary(request: IncomingMessage, response: ServerResponse, durationMs?: number) {
  return { route: routeOf(request), status: response.statusCode, durationMs, caller: callerOf(request) };
}
