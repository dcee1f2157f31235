import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import request from 'supertest';
import { LOG_DESTINATION } from '../../src/observability/logging/log-destination';
import { LogCapture } from '../support/log-capture';
import { startTestApp, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait-until';

// The SDK as a test registers it: spans kept in memory instead of exported.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

describe('traces', () => {
  let t: TestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'debug' }, [], [{ provide: LOG_DESTINATION, useValue: logs }]);
  });
  afterAll(async () => {
    await t.close();
    await provider.shutdown();
  });

  const spans = () => exporter.getFinishedSpans();
  const named = (name: string, traceId: string) => spans().find((s) => s.name === name && s.spanContext().traceId === traceId);
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  it('follows an increment from the request through the command, load, append and publish, and into the projection batch', async () => {
    const id = (await request(t.server).post('/counters').send({ name: 'traced' }).expect(201)).body.id as string;
    const answer = await request(t.server)
      .post(`/counters/${id}/increment`)
      .set('traceparent', `00-${TRACE_ID}-${CALLER_SPAN}-01`)
      .send({ by: 2 })
      .expect(200);

    const http = named('POST /counters/:id/increment', TRACE_ID)!;
    expect(http).toBeDefined();
    expect(http.kind).toBe(SpanKind.SERVER);
    expect(parentOf(http)).toBe(CALLER_SPAN);
    expect(http.attributes).toMatchObject({ 'http.route': '/counters/:id/increment', 'http.response.status_code': 200 });

    const command = named('command IncrementCounterCommand', TRACE_ID)!;
    expect(parentOf(command)).toBe(http.spanContext().spanId);
    const load = named('load Counter', TRACE_ID)!;
    const append = named('append Counter', TRACE_ID)!;
    const publish = named('publish events', TRACE_ID)!;
    for (const child of [load, append, publish]) expect(parentOf(child)).toBe(command.spanContext().spanId);
    expect(append.attributes).toMatchObject({
      'chronicle.stream.id': id,
      'chronicle.stream.type': 'Counter',
      'chronicle.stream.version': 2,
      'chronicle.event.count': 1,
      'chronicle.position': answer.body.position,
    });

    // The command's trace context travels with its event through the store...
    const events = (await request(t.server).get(`/counters/${id}/events`).expect(200)).body.items as { metadata: Record<string, string> }[];
    expect(events[1].metadata.traceparent).toBe(`00-${TRACE_ID}-${command.spanContext().spanId}-01`);

    // ...and the projection batch that applies the event links back to it.
    const batch = await waitUntil(
      async () => spans().find((s) => s.name === 'projection counter_views' && s.links.some((l) => l.context.traceId === TRACE_ID)),
      'the projection batch span',
    );
    expect(batch.links.find((l) => l.context.traceId === TRACE_ID)!.context.spanId).toBe(command.spanContext().spanId);
    expect(batch.attributes).toMatchObject({ 'chronicle.projection': 'counter_views', 'chronicle.position.to': answer.body.position });
    expect(batch.spanContext().traceId).not.toBe(TRACE_ID); // its own trace: it serves many commands

    // A log line written inside the command leads to its trace.
    expect(logs.find((l) => l.context === 'Commands' && l.command === 'IncrementCounterCommand' && l.correlationId !== undefined)).toMatchObject({
      traceId: TRACE_ID,
      spanId: command.spanContext().spanId,
    });
  });

  it('starts a new trace for a request that carries none', async () => {
    const before = new Set(spans());
    await request(t.server).post('/counters/00000000-0000-4000-8000-000000000000/increment').send({}).expect(404);
    const http = spans().find((s) => !before.has(s) && s.name === 'POST /counters/:id/increment')!;
    expect(http.parentSpanContext).toBeUndefined();
    expect(http.attributes['http.response.status_code']).toBe(404);
  });
});
