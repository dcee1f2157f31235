import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { EventStore } from '../src/event-sourcing';
import { SseClient } from './support/sse-client';
import { describeOn, storeBackends } from './support/store-backends';
import { startTestApp, startTestAppOn, TestApp } from './support/test-app';

storeBackends.forEach((backend) =>
  describeOn(backend, 'GET /events/live (Server-Sent Events)', () => {
    let t: TestApp;
    let base: string;
    const clients: SseClient[] = [];

    function connect(path: string, headers?: Record<string, string>): SseClient {
      const client = new SseClient(`${base}${path}`, headers);
      clients.push(client);
      return client;
    }

    async function increment(id: string, times: number): Promise<void> {
      for (let i = 0; i < times; i++) await request(t.server).post(`/counters/${id}/increment`).send({}).expect(200);
    }

    beforeAll(async () => {
      t = await startTestAppOn(backend, { SQLITE_SYNCHRONOUS: 'NORMAL' });
      await t.app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    });
    afterEach(() => clients.splice(0).forEach((client) => client.close()));
    afterAll(() => t.close());

    it('sends the backlog, then live events, each once, with id = position', async () => {
      const id = (await request(t.server).post('/counters').send({ name: 'live' }).expect(201)).body.id;
      await increment(id, 5);
      const start = (await t.app.get(EventStore).headPosition()) - 3;
      const client = connect(`/events/live?after=${start}`);
      await client.waitFor(3);
      expect(client.status).toBe(200);
      expect(client.headers['content-type']).toMatch(/^text\/event-stream/);
      await increment(id, 4); // appended while the client is connected
      const messages = await client.waitFor(7);
      const all = await t.app.get(EventStore).readAll({ after: start, limit: 1000 });
      expect(messages.map((m) => Number(m.id))).toEqual(all.map((event) => event.position));
      expect(JSON.parse(messages[6].data)).toMatchObject({ position: all[6].position, streamId: id, streamType: 'Counter', type: 'CounterIncremented' });
    });

    it('resumes with Last-Event-ID after a disconnect: every event seen exactly once', async () => {
      const id = (await request(t.server).post('/counters').send({ name: 'reconnect' }).expect(201)).body.id;
      const start = await t.app.get(EventStore).headPosition();
      // A writer keeps appending through the disconnect and the reconnect.
      const writer = increment(id, 60);

      const first = connect(`/events/live?after=${start}`);
      await first.waitFor(15);
      first.close();
      const lastId = first.messages.at(-1)!.id!;
      const firstIds = first.messages.map((m) => Number(m.id));

      // The URL still carries the original ?after, as a browser's would; the header wins.
      const second = connect(`/events/live?after=${start}`, { 'Last-Event-ID': lastId });
      await writer;
      const head = await t.app.get(EventStore).headPosition();
      const expected = (await t.app.get(EventStore).readAll({ after: start, limit: 1000 })).map((event) => event.position);
      expect(expected.at(-1)).toBe(head);
      await second.waitFor(expected.length - firstIds.length);

      const seen = [...firstIds, ...second.messages.map((m) => Number(m.id))];
      expect(seen).toEqual(expected);
      expect(seen).toHaveLength(60);
    });

    it('follows only the filtered stream', async () => {
      const a = (await request(t.server).post('/counters').send({ name: 'a' }).expect(201)).body.id;
      const b = (await request(t.server).post('/counters').send({ name: 'b' }).expect(201)).body.id;
      const client = connect(`/events/live?streamId=${b}`);
      await increment(a, 2);
      await increment(b, 2);
      const messages = await client.waitFor(3);
      expect(messages.map((m) => JSON.parse(m.data).streamId)).toEqual([b, b, b]);
    });

    it('answers 400 for a malformed Last-Event-ID or after', async () => {
      await request(t.server).get('/events/live').set('Last-Event-ID', 'abc').expect(400);
      await request(t.server).get('/events/live?after=-2').expect(400);
    });
  }),
);

describe('GET /events/live at shutdown', () => {
  it('ends open streams so the app can close', async () => {
    const t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const client = new SseClient(`http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/events/live`);
    await request(t.server).post('/counters').send({ name: 'bye' }).expect(201);
    await client.waitFor(1);
    const closed = await Promise.race([t.close().then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('hung'), 5000).unref())]);
    client.close();
    expect(closed).toBe('closed');
  });
});
