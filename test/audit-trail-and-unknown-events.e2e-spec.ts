import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EventStore } from '../src/event-sourcing';
import { describeOn, storeBackends } from './support/store-backends';
import { startTestAppOn, TestApp } from './support/test-app';

const unknownId = '00000000-0000-4000-8000-000000000000';

storeBackends.forEach((backend) =>
  describeOn(backend, 'The paged audit trail and events this release cannot read', () => {
    let t: TestApp;
    let id: string;
    const http = () => request(t.server);
    const page = async (query: string) => (await http().get(`/counters/${id}/events${query}`).expect(200)).body as { items: { version: number }[]; nextAfter: number };

    beforeAll(async () => {
      t = await startTestAppOn(backend);
      id = (await http().post('/counters').send({ name: 'paged' }).expect(201)).body.id;
      for (let i = 0; i < 6; i++) await http().post(`/counters/${id}/increment`).send({ by: 1 }).expect(200);
    });
    afterAll(() => t.close());

    describe('GET /counters/:id/events?after=&limit=', () => {
      it('pages by version with nextAfter, and ends with an empty page that keeps nextAfter', async () => {
        const first = await page('?limit=3');
        expect([first.items.map((e) => e.version), first.nextAfter]).toEqual([[1, 2, 3], 3]);
        const second = await page(`?after=${first.nextAfter}&limit=3`);
        expect([second.items.map((e) => e.version), second.nextAfter]).toEqual([[4, 5, 6], 6]);
        const third = await page(`?after=${second.nextAfter}&limit=3`);
        expect([third.items.map((e) => e.version), third.nextAfter]).toEqual([[7], 7]);
        expect(await page('?after=7')).toEqual({ items: [], nextAfter: 7 });
      });

      it('serves 100 events by default', async () => {
        const many = (await http().post('/counters').send({ name: 'many' }).expect(201)).body.id as string;
        await Promise.all(Array.from({ length: 120 }, () => http().post(`/counters/${many}/increment`).send({ by: 1 }).expect(200)));
        const body = (await http().get(`/counters/${many}/events`).expect(200)).body;
        expect([body.items.length, body.nextAfter]).toEqual([100, 100]);
      });

      it.each([['limit=0'], ['limit=1001'], ['after=-1'], ['after=x']])('refuses %s with 400 naming the parameter', async (query) => {
        const response = await http().get(`/counters/${id}/events?${query}`).expect(400);
        expect(response.body.message).toMatch(query.split('=')[0]);
      });

      it('answers 404 for an unknown counter, on any page', async () => {
        await http().get(`/counters/${unknownId}/events`).expect(404);
        await http().get(`/counters/${unknownId}/events?after=5`).expect(404);
      });
    });

    describe('an event whose type or schema version this release has no class for', () => {
      const stored = (type: string, schemaVersion: number, data: Record<string, unknown>) => ({
        type,
        schemaVersion,
        data,
        metadata: { eventId: randomUUID(), correlationId: 'newer-release', causationId: 'newer-release' },
        occurredAt: new Date(),
      });

      it('is served as stored in the feeds and the audit trail, which go on past it, and logged once', async () => {
        const warn = jest.spyOn(Logger.prototype, 'warn');
        try {
          const store = t.app.get(EventStore);
          const counterId = (await http().post('/counters').send({ name: 'renamed later' }).expect(201)).body.id as string;
          await store.appendToStream(counterId, 'Counter', [stored('CounterRenamed', 1, { counterId, name: 'new name' })], 1);
          await store.appendToStream(counterId, 'Counter', [stored('CounterIncremented', 9, { counterId, by: 2, reason: 'v9' })], 2);
          await http().post('/counters').send({ name: 'after them' }).expect(201);

          const trail = (await http().get(`/counters/${counterId}/events`).expect(200)).body.items;
          expect(trail.slice(1).map(({ type, schemaVersion, data }: Record<string, unknown>) => ({ type, schemaVersion, data }))).toEqual([
            { type: 'CounterRenamed', schemaVersion: 1, data: { counterId, name: 'new name' } },
            { type: 'CounterIncremented', schemaVersion: 9, data: { counterId, by: 2, reason: 'v9' } },
          ]);

          const feed = (await http().get('/events?limit=1000').expect(200)).body.items as { type: string; streamId: string }[];
          const types = feed.map((event) => event.type);
          expect(types).toContain('CounterRenamed');
          expect(feed.at(-1)!.type).toBe('CounterCreated'); // the feed went on past them
          await http().get('/events?limit=1000').expect(200);
          const warnings = warn.mock.calls.map(([message]) => String(message)).filter((message) => message.includes('CounterRenamed'));
          expect(warnings).toHaveLength(1);
        } finally {
          warn.mockRestore();
        }
      });
    });
  }),
);
