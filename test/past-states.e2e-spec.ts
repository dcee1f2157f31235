import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EventStore, StoredEvent } from '../src/event-sourcing';
import { sql } from './support/sql';
import { describeOn, storeBackends } from './support/store-backends';
import { startTestAppOn, TestApp } from './support/test-app';

const SNAPSHOT_EVERY = 16;

/** Counts the rows every readStream call returns while `work` runs. */
async function rowsRead(store: EventStore, work: () => Promise<unknown>): Promise<number> {
  const spy = jest.spyOn(store, 'readStream');
  try {
    await work();
    const results = await Promise.all(spy.mock.results.map((result) => result.value as Promise<StoredEvent[]>));
    return results.reduce((sum, rows) => sum + rows.length, 0);
  } finally {
    spy.mockRestore();
  }
}

storeBackends.forEach((backend) =>
  describeOn(backend, 'GET /counters/:id/state (past states from the event store)', () => {
    let t: TestApp;
    let id: string;
    let createdAt: string;
    // valueAfter[n] is the fold of the first n events, computed here from the commands sent.
    const valueAfter: number[] = [0, 0];
    let events: { version: number; occurredAt: string }[];

    beforeAll(async () => {
      t = await startTestAppOn(backend, { SNAPSHOT_EVERY: String(SNAPSHOT_EVERY), SQLITE_SYNCHRONOUS: 'NORMAL' });
      const created = await request(t.server).post('/counters').send({ name: 'history' }).expect(201);
      id = created.body.id;
      let value = 0;
      for (let version = 2; version <= 200; version++) {
        if (version === 101) await sleep(20); // a clear gap in time between versions 100 and 101
        const step = (version * 7) % 11;
        if (version % 37 === 0) {
          await request(t.server).post(`/counters/${id}/reset`).send({}).expect(200);
          value = 0;
        } else if (step < 4 && value >= step + 1) {
          await request(t.server).post(`/counters/${id}/decrement`).send({ by: step + 1 }).expect(200);
          value -= step + 1;
        } else {
          await request(t.server).post(`/counters/${id}/increment`).send({ by: step + 1 }).expect(200);
          value += step + 1;
        }
        valueAfter[version] = value;
      }
      events = (await request(t.server).get(`/counters/${id}/events?limit=1000`).expect(200)).body.items;
      createdAt = events[0].occurredAt;
    });
    afterAll(() => t.close());

    it('has snapshots to start from (so both paths below are exercised)', async () => {
      const [{ n }] = await t.app.get(DataSource).query(sql(t.app.get(DataSource), `SELECT COUNT(*) AS n FROM snapshots WHERE stream_id = ?`), [id]);
      expect(Number(n)).toBeGreaterThanOrEqual(200 / SNAPSHOT_EVERY - 1);
    });

    it('answers the fold of the first n events at every version n of a 200-event counter', async () => {
      for (let version = 1; version <= 200; version++) {
        const { body } = await request(t.server).get(`/counters/${id}/state?version=${version}`).expect(200);
        expect(body).toEqual({ id, name: 'history', value: valueAfter[version], version, asOf: events[version - 1].occurredAt });
      }
    });

    it('answers the state after the earlier event for a time between two events', async () => {
      const before = Date.parse(events[99].occurredAt);
      const after = Date.parse(events[100].occurredAt);
      expect(after - before).toBeGreaterThanOrEqual(10);
      const between = new Date(before + Math.floor((after - before) / 2)).toISOString();
      const { body } = await request(t.server).get(`/counters/${id}/state?at=${between}`).expect(200);
      expect(body).toEqual({ id, name: 'history', value: valueAfter[100], version: 100, asOf: events[99].occurredAt });
    });

    it('includes an event that occurred exactly at the requested time', async () => {
      const { body } = await request(t.server).get(`/counters/${id}/state?at=${events[100].occurredAt}`).expect(200);
      expect(body.version).toBeGreaterThanOrEqual(101);
      expect(body.value).toBe(valueAfter[body.version]);
    });

    it('starts from a snapshot at or before the requested point, never after it', async () => {
      const store = t.app.get(EventStore);
      const byVersion = await rowsRead(store, () => request(t.server).get(`/counters/${id}/state?version=150`).expect(200));
      expect(byVersion).toBeLessThan(SNAPSHOT_EVERY);
      const between = new Date(Date.parse(events[99].occurredAt) + 5).toISOString();
      let body: { version: number; value: number } = { version: 0, value: 0 };
      const byTime = await rowsRead(store, async () => ({ body } = await request(t.server).get(`/counters/${id}/state?at=${between}`).expect(200)));
      expect(byTime).toBeLessThan(SNAPSHOT_EVERY);
      expect(body).toMatchObject({ version: 100, value: valueAfter[100] });
    });

    it('answers the current state for a time after the last event', async () => {
      const { body } = await request(t.server).get(`/counters/${id}/state?at=2999-01-01T00:00:00Z`).expect(200);
      expect(body).toMatchObject({ version: 200, value: valueAfter[200] });
    });

    it('answers 404 before the counter existed, beyond its last version, and for an unknown counter', async () => {
      const before = new Date(Date.parse(createdAt) - 1).toISOString();
      const early = await request(t.server).get(`/counters/${id}/state?at=${before}`).expect(404);
      expect(early.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.stringContaining('did not exist yet') });
      await request(t.server).get(`/counters/${id}/state?version=201`).expect(404);
      await request(t.server).get('/counters/00000000-0000-4000-8000-000000000000/state?version=1').expect(404);
      await request(t.server).get('/counters/00000000-0000-4000-8000-000000000000/state?at=2026-01-01T00:00:00Z').expect(404);
    });

    it.each([
      ['version=0', /version/],
      ['version=abc', /version/],
      ['version=1.5', /version/],
      ['at=yesterday', /at must/],
      ['at=2026-13-01T00:00:00Z', /at must/],
      ['at=2026-01-01T10:00:00', /at must/],
      ['version=1&at=2026-01-01T00:00:00Z', /exactly one/],
      ['', /exactly one/],
      ['vers=1', /vers/],
    ])('answers 400 naming the problem for ?%s', async (query, message) => {
      const { body } = await request(t.server).get(`/counters/${id}/state?${query}`).expect(400);
      expect(body.message).toMatch(message);
    });
  }),
);
