import request from 'supertest';
import { ProcessedCommandsPurge } from '../../src/event-sourcing';
import { describeOn, storeBackends } from '../support/store-backends';
import { startTestAppOn, TestApp } from '../support/test-app';

const unknownId = '00000000-0000-4000-8000-000000000000';
let keys = 0;
const newKey = () => `key-${process.pid}-${++keys}`;

storeBackends.forEach((backend) =>
  describeOn(backend, 'Idempotency-Key on command routes', () => {
    let t: TestApp;
    const http = () => request(t.server);

    async function createCounter() {
      return (await http().post('/counters').send({ name: 'c' }).expect(201)).body as { id: string };
    }
    async function eventCount(id: string) {
      return ((await http().get(`/counters/${id}/events`).expect(200)).body.items as unknown[]).length;
    }
    const increment = (id: string, key: string, by = 1) => http().post(`/counters/${id}/increment`).set('Idempotency-Key', key).send({ by });

    beforeAll(async () => {
      t = await startTestAppOn(backend);
    });
    afterAll(() => t.close());

    it('answers a repeated increment with the recorded status and body, marked replayed, and records nothing', async () => {
      const { id } = await createCounter();
      const key = newKey();
      const first = await increment(id, key, 5).expect(200);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(first.body).toEqual({ id, value: 5, version: 2, position: expect.any(Number) });

      const again = await increment(id, key, 5).expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.text).toBe(first.text);
      expect(await eventCount(id)).toBe(2);
    });

    it('creates one counter for a repeated POST /counters and answers every repeat with its id', async () => {
      const key = newKey();
      const first = await http().post('/counters').set('Idempotency-Key', key).send({ name: 'once' }).expect(201);
      const again = await http().post('/counters').set('Idempotency-Key', key).send({ name: 'once' }).expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect((await http().get(`/events?streamId=${first.body.id}`).expect(200)).body.items).toHaveLength(1);
      const names = (await http().get(`/events?type=CounterCreated&limit=1000`).expect(200)).body.items.filter((e: { data: { name: string } }) => e.data.name === 'once');
      expect(names).toHaveLength(1);
    });

    it('recognizes the same body sent with other spacing', async () => {
      const { id } = await createCounter();
      const key = newKey();
      await http().post(`/counters/${id}/increment`).set('Idempotency-Key', key).set('Content-Type', 'application/json').send('{"by":2}').expect(200);
      const again = await http().post(`/counters/${id}/increment`).set('Idempotency-Key', key).set('Content-Type', 'application/json').send(' { "by" : 2 } ');
      expect(again.headers['idempotent-replayed']).toBe('true');
    });

    it('refuses the same key with another body with 422 naming the key, and records nothing', async () => {
      const { id } = await createCounter();
      const key = newKey();
      await increment(id, key, 1).expect(200);
      const other = await increment(id, key, 2).expect(422);
      expect(other.body).toEqual({ statusCode: 422, error: 'Unprocessable Entity', message: expect.stringContaining(key) });
      expect(await eventCount(id)).toBe(2);
    });

    it('refuses the same key on another route with 422', async () => {
      const { id } = await createCounter();
      const key = newKey();
      await increment(id, key, 1).expect(200);
      await http().post(`/counters/${id}/decrement`).set('Idempotency-Key', key).send({ by: 1 }).expect(422);
      const { id: other } = await createCounter();
      await increment(other, key, 1).expect(422);
      expect(await eventCount(id)).toBe(2);
      expect(await eventCount(other)).toBe(1);
    });

    it.each([
      ['empty', ''],
      ['over 200 characters', 'k'.repeat(201)],
      ['not printable ASCII', 'clé'],
    ])('rejects a key that is %s with 400 naming the header', async (_, key) => {
      const { id } = await createCounter();
      const response = await increment(id, key).expect(400);
      expect(response.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('Idempotency-Key') });
      expect(await eventCount(id)).toBe(1);
    });

    it('accepts a key of exactly 200 printable characters', async () => {
      const { id } = await createCounter();
      await increment(id, `${newKey()} ~!`.padEnd(200, 'x')).expect(200);
    });

    it('replays a 422 refusal identically even once the command would succeed, and records nothing', async () => {
      const { id } = await createCounter();
      const key = newKey();
      const refused = await http().post(`/counters/${id}/decrement`).set('Idempotency-Key', key).send({ by: 3 }).expect(422);
      await increment(id, newKey(), 10).expect(200);
      const again = await http().post(`/counters/${id}/decrement`).set('Idempotency-Key', key).send({ by: 3 }).expect(422);
      expect(again.text).toBe(refused.text);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await eventCount(id)).toBe(2);
    });

    it('replays a 404 for an unknown counter', async () => {
      const key = newKey();
      const first = await increment(unknownId, key).expect(404);
      const again = await increment(unknownId, key).expect(404);
      expect(again.text).toBe(first.text);
      expect(again.headers['idempotent-replayed']).toBe('true');
    });

    it('replays a 412 for a stale If-Match even after the counter reached that version', async () => {
      const { id } = await createCounter();
      const key = newKey();
      const send = () => http().post(`/counters/${id}/increment`).set('Idempotency-Key', key).set('If-Match', '"2"').send({ by: 1 });
      const first = await send().expect(412);
      await increment(id, newKey()).expect(200); // now at version 2
      const again = await send().expect(412);
      expect(again.body).toEqual(first.body);
      expect(await eventCount(id)).toBe(2);
    });

    it('does not record a 400: the key is free for the corrected request', async () => {
      const { id } = await createCounter();
      const key = newKey();
      await http().post(`/counters/${id}/increment`).set('Idempotency-Key', key).send({ by: 'five' }).expect(400);
      const corrected = await increment(id, key, 5).expect(200);
      expect(corrected.headers['idempotent-replayed']).toBeUndefined();
      expect(corrected.body.value).toBe(5);
    });

    it('executes concurrent requests with one key once and answers each of them the same', async () => {
      const { id } = await createCounter();
      const key = newKey();
      const answers = await Promise.all(Array.from({ length: 10 }, () => increment(id, key, 3)));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(new Set(answers.map((a) => a.text)).size).toBe(1);
      expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
      expect(await eventCount(id)).toBe(2);
    });

    it('answers concurrent requests with distinct keys on one counter each with its own change, and replays each', async () => {
      const { id } = await createCounter();
      const sent = Array.from({ length: 8 }, () => newKey());
      const first = await Promise.all(sent.map((key) => increment(id, key, 1)));
      expect(first.map((a) => a.body.version).sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      const again = await Promise.all(sent.map((key) => increment(id, key, 1)));
      again.forEach((a, i) => expect(a.text).toBe(first[i].text));
      expect(await eventCount(id)).toBe(9);
    });

    it('forgets a key once its record expired and was purged', async () => {
      const { id } = await createCounter();
      const key = newKey();
      await increment(id, key).expect(200);
      const purge = t.app.get(ProcessedCommandsPurge);
      expect(await purge.purgeExpired(new Date(Date.now() + 23 * 3_600_000))).toBe(0);
      await increment(id, key).expect(200).expect('Idempotent-Replayed', 'true');
      expect(await purge.purgeExpired(new Date(Date.now() + 25 * 3_600_000))).toBeGreaterThanOrEqual(1);
      const fresh = await increment(id, key).expect(200);
      expect(fresh.headers['idempotent-replayed']).toBeUndefined();
      expect(fresh.body.version).toBe(3);
    });

    it('documents the header on every command route in Swagger', async () => {
      const { paths } = (await http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };
      const commands = Object.entries(paths).flatMap(([path, ops]) => (ops.post ? [[path, ops.post] as const] : []));
      const counterCommands = commands.filter(([path]) => path.startsWith('/counters'));
      expect(counterCommands.map(([path]) => path).sort()).toEqual(['/counters', '/counters/{id}/decrement', '/counters/{id}/increment', '/counters/{id}/reset']);
      for (const [, op] of counterCommands) expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    });
  }),
);
