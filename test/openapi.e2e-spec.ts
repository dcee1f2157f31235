import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { startTestApp, TestApp } from './support/test-app';

type Operation = { operationId?: string; parameters?: { name: string; in: string }[]; responses: Record<string, Answer> };
type Answer = { headers?: Record<string, unknown>; content?: Record<string, { example?: { statusCode: number; error: string; message: string } }> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function operations(document: OpenAPIObject): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method): [string, Operation] => [`${method.toUpperCase()} ${path}`, item[method] as Operation]),
  );
}

// Ids, numbers and quoted names differ between an example and a real answer; the wording must not.
const shape = (message: string) => message.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>').replace(/\d+/g, '<n>').replace(/'[^']*'/g, "'<name>'");

describe('The OpenAPI document (/docs-json)', () => {
  let t: TestApp;
  let document: OpenAPIObject;
  const http = () => request(t.server);

  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT: '2kb' });
    document = (await http().get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('validates against the OpenAPI 3 schema', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('gives every operation a readable operation id, none twice', () => {
    const ids = operations(document).map(([route, operation]) => [route, operation.operationId ?? '(none)']);
    const unreadable = ids.filter(([, id]) => !/^[a-z][A-Za-z]+$/.test(id));
    expect(unreadable).toEqual([]);
    const seen = ids.map(([, id]) => id);
    expect(seen.filter((id, i) => seen.indexOf(id) !== i)).toEqual([]);
    expect(seen).toEqual(expect.arrayContaining(['createCounter', 'incrementCounter', 'getCounterState', 'listEvents', 'followEvents']));
  });

  it('documents X-Correlation-Id on every request and every answer', () => {
    for (const [route, operation] of operations(document)) {
      expect([route, operation.parameters?.some((p) => p.in === 'header' && p.name === 'X-Correlation-Id')]).toEqual([route, true]);
      for (const [status, answer] of Object.entries(operation.responses)) expect([route, status, Object.keys(answer.headers ?? {})]).toEqual([route, status, expect.arrayContaining(['X-Correlation-Id'])]);
    }
  });

  it('documents the strong ETag on command answers, Location on 201, Retry-After on 503 and SSE on the live feed', () => {
    const route = (method: 'get' | 'post', path: string) => document.paths[path][method] as unknown as Operation;
    expect(Object.keys(route('post', '/counters').responses['201'].headers!)).toEqual(expect.arrayContaining(['ETag', 'Location']));
    expect(Object.keys(route('post', '/counters/{id}/increment').responses['200'].headers!)).toContain('ETag');
    expect(route('post', '/counters/{id}/increment').parameters!.map((p) => p.name)).toContain('If-Match');
    expect(Object.keys(route('get', '/counters').responses['503'].headers!)).toContain('Retry-After');
    expect(Object.keys(route('get', '/events/live').responses['200'].content!)).toEqual(['text/event-stream']);
  });

  it("marks each aggregate's past-state route for the explorer, and no other route", () => {
    const marked = operations(document).flatMap(([route, operation]) => {
      const type = (operation as Record<string, unknown>)['x-past-state-of'];
      return type ? [[route, type]] : [];
    });
    expect(marked).toContainEqual(['GET /counters/{id}/state', 'Counter']);
    for (const [route] of marked) expect(route).toMatch(/^GET \/[\w-]+\/\{\w+\}\/state$/);
  });

  describe('error examples are what the service answers', () => {
    let id: string;
    beforeAll(async () => {
      id = (await http().post('/counters').send({ name: 'examples' }).expect(201)).body.id;
      await http().post(`/counters/${id}/increment`).send({ by: 2 }).expect(200);
    });

    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [string, number, () => Promise<request.Response>][] = [
      ['POST /counters', 400, () => http().post('/counters').send({ name: '' })],
      ['POST /counters', 413, () => http().post('/counters').send({ name: 'x'.repeat(5000) })],
      ['POST /counters', 422, async () => {
        await http().post('/counters').set('Idempotency-Key', 'checkout-7f3a').send({ name: 'first' }).expect(201);
        return await http().post('/counters').set('Idempotency-Key', 'checkout-7f3a').send({ name: 'second' });
      }],
      ['POST /counters/{id}/increment', 400, () => http().post(`/counters/${id}/increment`).send({ by: 2_000_000 })],
      ['POST /counters/{id}/increment', 404, () => http().post(`/counters/${unknown}/increment`).send({})],
      ['POST /counters/{id}/increment', 412, () => http().post(`/counters/${id}/increment`).set('If-Match', '"9"').send({})],
      ['POST /counters/{id}/decrement', 400, () => http().post(`/counters/${id}/decrement`).send({ by: 0 })],
      ['POST /counters/{id}/decrement', 422, () => http().post(`/counters/${id}/decrement`).send({ by: 50 })],
      ['POST /counters/{id}/reset', 400, () => http().post(`/counters/${id}/reset`).set('If-Match', 'latest').send({})],
      ['GET /counters', 400, () => http().get('/counters?limit=500')],
      ['GET /counters/{id}', 400, () => http().get('/counters/nope')],
      ['GET /counters/{id}', 404, () => http().get(`/counters/${unknown}`)],
      ['GET /counters/{id}/state', 400, () => http().get(`/counters/${id}/state`)],
      ['GET /counters/{id}/state', 404, () => http().get(`/counters/${id}/state?version=9`)],
      ['GET /events', 400, () => http().get('/events?limit=5000')],
      ['GET /events/live', 400, () => http().get('/events/live').set('Last-Event-ID', 'x')],
      ['POST /projections/{name}/rebuild', 404, () => http().post('/projections/counter_vews/rebuild')],
      ['POST /projections/{name}/park', 400, () => http().post('/projections/counter_views/park').send({ position: 0 })],
      ['POST /projections/{name}/park', 404, () => http().post('/projections/counter_vews/park').send({})],
      ['POST /projections/{name}/park', 409, () => http().post('/projections/counter_views/park').send({})],
      ['GET /projections/{name}/parked', 404, () => http().get('/projections/counter_vews/parked')],
      ['POST /projections/{name}/parked/{position}/retry', 400, () => http().post('/projections/counter_views/parked/x/retry')],
      ['POST /projections/{name}/parked/{position}/retry', 404, () => http().post('/projections/counter_views/parked/42/retry')],
    ];

    it.each(cases)('%s answers %i as its example shows', async (route, status, send) => {
      const [method, path] = route.split(' ');
      const example = (document.paths[path][method.toLowerCase() as 'get'] as unknown as Operation).responses[String(status)].content!['application/json'].example!;
      const response = await send();
      expect(response.status).toBe(status);
      const answer = response.body;
      expect({ ...answer, message: shape(answer.message) }).toEqual({ ...example, message: shape(example.message) });
    });
  });
});
