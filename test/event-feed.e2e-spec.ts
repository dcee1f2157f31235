import request from 'supertest';
import { EventStore } from '../src/event-sourcing';
import { describeOn, storeBackends } from './support/store-backends';
import { startTestAppOn, TestApp } from './support/test-app';

interface FeedItem {
  position: number;
  streamId: string;
  streamType: string;
  type: string;
  version: number;
}

storeBackends.forEach((backend) =>
  describeOn(backend, 'GET /events (the global feed)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestAppOn(backend, { SQLITE_SYNCHRONOUS: 'NORMAL' });
    });
    afterAll(() => t.close());

    async function createCounter(name: string): Promise<string> {
      return (await request(t.server).post('/counters').send({ name }).expect(201)).body.id;
    }

    it('visits every event exactly once while concurrent writers append', async () => {
      const ids = await Promise.all(['w1', 'w2', 'w3', 'w4'].map(createCounter));
      let writing = true;
      const writers = Promise.all(
        ids.map(async (id) => {
          for (let i = 0; i < 40; i++) await request(t.server).post(`/counters/${id}/increment`).send({ by: 1 }).expect(200);
        }),
      ).finally(() => (writing = false));

      const seen: number[] = [];
      let after = 0;
      let pagesWhileWriting = 0;
      for (;;) {
        const stillWriting = writing;
        const { body } = await request(t.server).get(`/events?after=${after}&limit=7`).expect(200);
        seen.push(...body.items.map((item: FeedItem) => item.position));
        if (stillWriting && body.items.length > 0) pagesWhileWriting += 1;
        expect(body.nextAfter).toBe(body.items.at(-1)?.position ?? after);
        after = body.nextAfter;
        // Done only after an empty page read once every writer had finished.
        if (body.items.length === 0 && !stillWriting) break;
      }
      await writers;
      expect(pagesWhileWriting).toBeGreaterThan(1);

      const all = await t.app.get(EventStore).readAll({ after: 0, limit: 100_000 });
      expect(all.length).toBeGreaterThanOrEqual(4 + 160);
      expect(seen).toEqual(all.map((event) => event.position));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('shows each item as the audit trail does, plus its stream', async () => {
      const id = await createCounter('shape');
      await request(t.server).post(`/counters/${id}/increment`).send({ by: 2 }).expect(200);
      const trail = (await request(t.server).get(`/counters/${id}/events`).expect(200)).body.items;
      const { body } = await request(t.server).get(`/events?streamId=${id}`).expect(200);
      expect(body.items).toEqual(trail.map((item: object) => ({ ...item, streamId: id, streamType: 'Counter' })));
      expect(body.items[1]).toMatchObject({ type: 'CounterIncremented', schemaVersion: 2, data: { counterId: id, by: 2 } });
    });

    it('filters by type (repeated or comma-separated) and by stream', async () => {
      const id = await createCounter('filters');
      await request(t.server).post(`/counters/${id}/increment`).send({}).expect(200);
      await request(t.server).post(`/counters/${id}/reset`).send({}).expect(200);
      const types = async (query: string) =>
        (await request(t.server).get(`/events?limit=1000&streamId=${id}&${query}`).expect(200)).body.items.map((item: FeedItem) => item.type);
      expect(await types('type=CounterReset')).toEqual(['CounterReset']);
      expect(await types('type=CounterCreated&type=CounterReset')).toEqual(['CounterCreated', 'CounterReset']);
      expect(await types('type=CounterCreated,CounterIncremented')).toEqual(['CounterCreated', 'CounterIncremented']);
    });

    it('answers an empty page past the end, keeping nextAfter where it was', async () => {
      const { body } = await request(t.server).get('/events?after=999999').expect(200);
      expect(body).toEqual({ items: [], nextAfter: 999999 });
    });

    it.each(['limit=0', 'limit=1001', 'limit=abc', 'after=-1', 'after=x', 'colour=red'])('answers 400 for ?%s', async (query) => {
      const { body } = await request(t.server).get(`/events?${query}`).expect(400);
      expect(body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/limit|after|colour/) });
    });
  }),
);
