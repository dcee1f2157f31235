import { Injectable, NestMiddleware } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { routeOf } from '../request-facts';

const tracer = trace.getTracer('chronicle-http');

/**
 * The server span of each request, continuing the caller's `traceparent` if any; everything the
 * request does (command, load, append, publish) nests under it. Named by route pattern once the
 * route is known. A no-op without a registered SDK.
 */
@Injectable()
export class HttpTracingMiddleware implements NestMiddleware {
  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    const parent = propagation.extract(context.active(), request.headers);
    const span = tracer.startSpan(
      request.method ?? 'HTTP',
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': (request.url ?? '').split('?')[0] } },
      parent,
    );
    if (!span.isRecording()) return next();
    const end = () => {
      const route = routeOf(request);
      span.updateName(`${request.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': response.statusCode });
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    response.once('finish', end);
    response.once('close', () => span.isRecording() && end());
    context.with(trace.setSpan(parent, span), next);
  }
}
