import { Attributes, context, Link, propagation, ROOT_CONTEXT, Span, SpanStatusCode, trace } from '@opentelemetry/api';

// The OpenTelemetry API alone: a no-op until the host registers an SDK, so the core costs nothing
// untraced and needs no tracing settings of its own.
const tracer = trace.getTracer('chronicle-event-sourcing');

/** The W3C trace context of a command, as stored in the metadata of each event it records. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/**
 * Runs `work` in a new active span that ends with it, marked as an error if it throws. With
 * `links`, the span starts its own trace and links to those spans instead: work done for many
 * commands (a projection batch) belongs to none of their traces.
 */
export async function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>, links?: Link[]): Promise<T> {
  return tracer.startActiveSpan(name, { attributes, links, root: links !== undefined }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The active trace context (empty when nothing is traced). */
export function activeTraceCarrier(): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? { traceparent: carrier.traceparent, ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}) } : {};
}

/** Span links to the commands that recorded these events (one per distinct trace context). */
export function linksToCauses(metadata: Iterable<Record<string, unknown>>, max = 64): Link[] {
  const links = new Map<string, Link>();
  for (const { traceparent, tracestate } of metadata) {
    if (typeof traceparent !== 'string' || links.has(traceparent) || links.size >= max) continue;
    const carrier = typeof tracestate === 'string' ? { traceparent, tracestate } : { traceparent };
    const spanContext = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, carrier));
    if (spanContext) links.set(traceparent, { context: spanContext });
  }
  return [...links.values()];
}
