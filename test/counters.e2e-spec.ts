import request from 'supertest';
import { describeOn, storeBackends } from './support/store-backends';
import { startTestAppOn, TestApp } from './support/test-app';

const unknownId = '00000000-0000-4000-8000-000000000000';

storeBackends.forEach((backend) =>
  describeOn(backend, 'Counters over HTTP', () => {
    let t: TestApp;
    const http = () => request(t.server);

    async function createCounter(name = 'visitors') {
      return (await http().post('/counters').send({ name }).expect(201)).body as { id: string; position: number; version: number };
    }
    async function eventsOf(id: string) {
      return (await http().get(`/counters/${id}/events`).expect(200)).body.items as { type: string; version: number; data: Record<string, unknown> }[];
    }

    beforeAll(async () => {
      t = await startTestAppOn(backend, { BODY_LIMIT: '2kb', READ_WAIT_TIMEOUT_MS: '300' });
    });
    afterAll(() => t.close());

    describe('POST /counters', () => {
      it('creates a counter at zero with a server-made UUID and reads it back through the projection', async () => {
        const created = await http().post('/counters').send({ name: 'visitors' }).expect(201);
        expect(created.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'visitors', value: 0, version: 1, position: expect.any(Number) });

        const read = await http().get(`/counters/${created.body.id}?minPosition=${created.body.position}`).expect(200);
        expect(read.body).toEqual({ id: created.body.id, name: 'visitors', value: 0, version: 1, updatedAt: expect.any(String) });
        expect(new Date(read.body.updatedAt).toISOString()).toBe(read.body.updatedAt);
        expect(read.headers.etag).toBe('"1"');
      });

      it.each([
        ['a missing name', {}],
        ['an empty name', { name: '' }],
        ['a name over 100 characters', { name: 'x'.repeat(101) }],
        ['a name that is not a string', { name: 5 }],
        ['an unknown field', { name: 'a', color: 'red' }],
      ])('rejects %s with 400 naming the field', async (_, body) => {
        const response = await http().post('/counters').send(body).expect(400);
        expect(response.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/name|color/) });
      });

      it('rejects malformed JSON with 400', async () => {
        const response = await http().post('/counters').set('Content-Type', 'application/json').send('{"name":').expect(400);
        expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      });

      it('rejects a body over the size limit with 413', async () => {
        const response = await http().post('/counters').send({ name: 'x'.repeat(5000) }).expect(413);
        expect(response.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
      });

      it('accepts a name of exactly 100 characters', async () => {
        await http().post('/counters').send({ name: 'x'.repeat(100) }).expect(201);
      });
    });

    describe('increment, decrement, reset', () => {
      it('changes the value and answers the new version and position', async () => {
        const { id, position } = await createCounter();
        const up = await http().post(`/counters/${id}/increment`).send({ by: 5 }).expect(200);
        expect(up.body).toEqual({ id, value: 5, version: 2, position: expect.any(Number) });
        expect(up.body.position).toBeGreaterThan(position);
        expect((await http().post(`/counters/${id}/increment`).expect(200)).body).toMatchObject({ value: 6, version: 3 });
        expect((await http().post(`/counters/${id}/decrement`).send({ by: 2 }).expect(200)).body).toMatchObject({ value: 4, version: 4 });
        expect((await http().post(`/counters/${id}/decrement`).send({}).expect(200)).body).toMatchObject({ value: 3, version: 5 });
        const reset = await http().post(`/counters/${id}/reset`).expect(200);
        expect(reset.body).toEqual({ id, value: 0, version: 6, position: expect.any(Number) });

        const read = await http().get(`/counters/${id}?minPosition=${reset.body.position}`).expect(200);
        expect(read.body).toMatchObject({ value: 0, version: 6 });
        expect(read.headers.etag).toBe('"6"');
      });

      it.each([
        ['zero', { by: 0 }],
        ['a fraction', { by: 1.5 }],
        ['a string', { by: '1' }],
        ['null', { by: null }],
        ['over a million', { by: 1_000_001 }],
        ['an unknown field', { by: 1, extra: true }],
      ])('rejects by = %s with 400 and records nothing', async (_, body) => {
        const { id } = await createCounter();
        for (const action of ['increment', 'decrement']) {
          const response = await http().post(`/counters/${id}/${action}`).send(body).expect(400);
          expect(response.body.message).toMatch(/by|extra/);
        }
        expect(await eventsOf(id)).toHaveLength(1);
      });

      it('accepts by = 1,000,000', async () => {
        const { id } = await createCounter();
        expect((await http().post(`/counters/${id}/increment`).send({ by: 1_000_000 }).expect(200)).body.value).toBe(1_000_000);
      });

      it('rejects any field on reset with 400', async () => {
        const { id } = await createCounter();
        await http().post(`/counters/${id}/reset`).send({ to: 3 }).expect(400);
      });

      it('refuses a decrement below zero with 422 and records nothing', async () => {
        const { id } = await createCounter();
        await http().post(`/counters/${id}/increment`).send({ by: 2 }).expect(200);
        const response = await http().post(`/counters/${id}/decrement`).send({ by: 3 }).expect(422);
        expect(response.body).toEqual({ statusCode: 422, error: 'Unprocessable Entity', message: expect.stringContaining('below zero') });
        expect((await eventsOf(id)).map((e) => e.type)).toEqual(['CounterCreated', 'CounterIncremented']);
      });

      it.each(['increment', 'decrement', 'reset'])('answers 404 to %s of an unknown counter', async (action) => {
        const response = await http().post(`/counters/${unknownId}/${action}`).expect(404);
        expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.stringContaining(unknownId) });
      });

      it.each(['increment', 'decrement', 'reset'])('answers 400 to %s with a malformed id', async (action) => {
        expect((await http().post(`/counters/not-a-uuid/${action}`).expect(400)).body.message).toMatch(/id/);
      });
    });

    describe('If-Match', () => {
      it('applies the command when the version matches', async () => {
        const { id } = await createCounter();
        await http().post(`/counters/${id}/increment`).set('If-Match', '"1"').send({ by: 2 }).expect(200);
        await http().post(`/counters/${id}/reset`).set('If-Match', '"2"').expect(200);
        await http().post(`/counters/${id}/increment`).set('If-Match', '*').expect(200);
      });

      it('answers 412 and records nothing when the counter is at another version', async () => {
        const { id } = await createCounter();
        await http().post(`/counters/${id}/increment`).expect(200);
        for (const action of ['increment', 'decrement', 'reset']) {
          const response = await http().post(`/counters/${id}/${action}`).set('If-Match', '"1"').expect(412);
          expect(response.body).toMatchObject({ statusCode: 412, error: 'Precondition Failed' });
        }
        expect(await eventsOf(id)).toHaveLength(2);
      });

      it('rejects a malformed If-Match with 400', async () => {
        const { id } = await createCounter();
        expect((await http().post(`/counters/${id}/increment`).set('If-Match', 'yesterday').expect(400)).body.message).toMatch(/If-Match/);
      });
    });

    describe('concurrency', () => {
      it('loses no increment among 50 concurrent ones: value 50, 51 events', async () => {
        const { id } = await createCounter();
        const responses = await Promise.all(Array.from({ length: 50 }, () => http().post(`/counters/${id}/increment`)));
        expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
        const versions = responses.map((r) => r.body.version).sort((a, b) => a - b);
        expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));

        const events = await eventsOf(id);
        expect(events).toHaveLength(51);
        expect(events.map((e) => e.version)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
        const last = Math.max(...responses.map((r) => r.body.position));
        expect((await http().get(`/counters/${id}?minPosition=${last}`).expect(200)).body).toMatchObject({ value: 50, version: 51 });
      });
    });

    describe('GET /counters', () => {
      it('pages through counters oldest first with a total', async () => {
        const made = [await createCounter('p1'), await createCounter('p2'), await createCounter('p3')];
        const last = made[2].position;
        const all = (await http().get(`/counters?limit=100&minPosition=${last}`).expect(200)).body;
        const ids = all.items.map((c: { id: string }) => c.id);
        expect(all.total).toBe(ids.length);
        const at = ids.indexOf(made[0].id);
        expect(ids.slice(at, at + 3)).toEqual(made.map((c) => c.id));

        const page = (await http().get(`/counters?limit=2&offset=${at + 1}`).expect(200)).body;
        expect(page.items.map((c: { id: string }) => c.id)).toEqual([made[1].id, made[2].id]);
        expect(page.total).toBe(all.total);
        expect(page.items[0]).toEqual({ id: made[1].id, name: 'p2', value: 0, version: 1, updatedAt: expect.any(String) });
      });

      it('defaults to 20 items', async () => {
        for (let i = 0; i < 21; i++) await createCounter(`d${i}`);
        expect((await http().get('/counters').expect(200)).body.items).toHaveLength(20);
      });

      it.each(['limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'offset=-1', 'minPosition=-1', 'sort=name'])('rejects ?%s with 400', async (query) => {
        const response = await http().get(`/counters?${query}`).expect(400);
        expect(response.body.message).toMatch(new RegExp(query.split('=')[0]));
      });
    });

    describe('GET /counters/:id', () => {
      it('answers 404 for an unknown counter and 400 for a malformed id', async () => {
        expect((await http().get(`/counters/${unknownId}`).expect(404)).body).toMatchObject({ statusCode: 404, error: 'Not Found' });
        expect((await http().get('/counters/123').expect(400)).body.message).toMatch(/id/);
      });

      it('answers 503 with Retry-After when the projection does not reach minPosition in time', async () => {
        const { id, position } = await createCounter();
        const response = await http().get(`/counters/${id}?minPosition=${position + 1_000_000}`).expect(503);
        expect(response.headers['retry-after']).toBeDefined();
        expect(response.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      });

      it('answers 304 to a matching If-None-Match', async () => {
        const { id, position } = await createCounter();
        await http().get(`/counters/${id}?minPosition=${position}`).set('If-None-Match', '"1"').expect(304);
      });
    });

    describe('GET /counters/:id/events', () => {
      it('returns the audit trail in order with metadata, correlation id taken from the request', async () => {
        const { id } = await createCounter();
        const increment = await http().post(`/counters/${id}/increment`).set('X-Correlation-Id', 'order-42').send({ by: 4 }).expect(200);
        expect(increment.headers['x-correlation-id']).toBe('order-42');

        const items = (await http().get(`/counters/${id}/events`).expect(200)).body.items;
        expect(items).toEqual([
          {
            position: expect.any(Number),
            version: 1,
            type: 'CounterCreated',
            schemaVersion: 1,
            data: { counterId: id, name: 'visitors' },
            metadata: { eventId: expect.any(String), correlationId: expect.any(String), causationId: expect.any(String) },
            occurredAt: expect.any(String),
          },
          {
            position: increment.body.position,
            version: 2,
            type: 'CounterIncremented',
            schemaVersion: 2, // v2 since `by` became required (see docs/past-states-and-schema.md)
            data: { counterId: id, by: 4 },
            metadata: { eventId: expect.any(String), correlationId: 'order-42', causationId: expect.any(String) },
            occurredAt: expect.any(String),
          },
        ]);
        expect(items[0].metadata.eventId).not.toBe(items[1].metadata.eventId);
        expect(items[0].position).toBeLessThan(items[1].position);
      });

      it('gives each response a correlation id when the request has none', async () => {
        const response = await http().post('/counters').send({ name: 'c' }).expect(201);
        const correlationId = response.headers['x-correlation-id'];
        expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
        const [created] = await eventsOf(response.body.id);
        expect((created as unknown as { metadata: { correlationId: string } }).metadata.correlationId).toBe(correlationId);
      });

      it('answers 404 for an unknown counter', async () => {
        await http().get(`/counters/${unknownId}/events`).expect(404);
      });
    });

    describe('documentation', () => {
      it('serves Swagger UI at /docs and the OpenAPI document at /docs-json with every route', async () => {
        await http().get('/docs').expect(200);
        const spec = (await http().get('/docs-json').expect(200)).body;
        expect(Object.keys(spec.paths)).toEqual(
          expect.arrayContaining(['/counters', '/counters/{id}', '/counters/{id}/increment', '/counters/{id}/decrement', '/counters/{id}/reset', '/counters/{id}/events', '/counters/{id}/state', '/events', '/events/live']),
        );
        expect(Object.keys(spec.paths['/counters/{id}/decrement'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409', '412', '422']));
      });
    });
  }),
);
