import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CounterCreatedEvent } from '../../src/counters/domain/events/counter-created.event';
import { CounterDecrementedEvent } from '../../src/counters/domain/events/counter-decremented.event';
import { CounterIncrementedEvent } from '../../src/counters/domain/events/counter-incremented.event';
import { EventRegistry, EventStore, newCommandContext, ProjectionState } from '../../src/event-sourcing';
import { sql } from '../support/sql';
import { describeOn, storeBackends } from '../support/store-backends';
import { startTestAppOn, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait-until';
import { fault, FlakyProjectionModule } from './flaky.projection';

type Row = Record<string, unknown>;

storeBackends.forEach((backend) =>
  describeOn(backend, 'Projections', () => {
    let t: TestApp;
    const http = () => request(t.server);
    const states = async () => (await http().get('/projections').expect(200)).body as ProjectionState[];
    const stateOf = async (name: string) => (await states()).find((s) => s.name === name)!;

    beforeAll(async () => {
      t = await startTestAppOn(backend, {}, [FlakyProjectionModule]);
    });
    afterAll(() => t.close());

    async function foldOfStream(id: string) {
      const events = (await http().get(`/counters/${id}/events`).expect(200)).body.items as { type: string; version: number; data: { by?: number } }[];
      let value = 0;
      for (const e of events) value = e.type === 'CounterIncremented' ? value + e.data.by! : e.type === 'CounterDecremented' ? value - e.data.by! : 0;
      return { value, version: events[events.length - 1].version };
    }

    describe('a projection that throws on one event', () => {
      it('holds at that event and reports failing while the others advance, then resumes exactly once when fixed', async () => {
        fault.active = true;
        const { id } = (await http().post('/counters').send({ name: 'flaky' }).expect(201)).body;
        await http().post(`/counters/${id}/increment`).send({ by: 1 }).expect(200);
        const unlucky = (await http().post(`/counters/${id}/increment`).send({ by: 13 }).expect(200)).body;
        const last = (await http().post(`/counters/${id}/increment`).send({ by: 2 }).expect(200)).body;

        // The healthy projection is not held back by the failing one.
        expect((await http().get(`/counters/${id}?minPosition=${last.position}`).expect(200)).body.value).toBe(16);
        const failing = await waitUntil(async () => {
          const s = await stateOf('flaky_log');
          return s.status === 'failing' && s;
        }, 'flaky_log to report failing');
        expect(failing.position).toBe(unlucky.position - 1);
        expect(failing.lastError).toBe(`CounterIncremented at position ${unlucky.position}: the projection handler threw an error`);
        expect(failing.lag).toBeGreaterThan(0);
        const health = await http().get('/health').expect(503);
        expect(health.body.error.projections).toMatchObject({ status: 'down', flaky_log: 'failing' });

        fault.active = false;
        const resumed = await waitUntil(async () => {
          const s = await stateOf('flaky_log');
          return s.status === 'running' && s.position >= last.position && s;
        }, 'flaky_log to resume');
        expect(resumed.lastError).toBeNull();
        await http().get('/health').expect(200);

        const log = (await t.app.get(DataSource).query(sql(t.app.get(DataSource), 'SELECT position, type, by_value FROM flaky_log WHERE stream_id = ? ORDER BY position'), [id])) as Row[];
        expect(log.map((r) => r.by_value)).toEqual([0, 1, 13, 2]);
        expect(log.map((r) => r.position)).toEqual([...new Set(log.map((r) => r.position))]);
      });
    });

    describe('a projection the database refuses an event for', () => {
      it('shows a short classified lastError on the public routes, never the database text', async () => {
        fault.active = true;
        const { id } = (await http().post('/counters').send({ name: 'refused' }).expect(201)).body;
        const refused = (await http().post(`/counters/${id}/increment`).send({ by: 14 }).expect(200)).body;
        const failing = await waitUntil(async () => {
          const s = await stateOf('flaky_log');
          return s.status === 'failing' && s;
        }, 'flaky_log to report failing');
        expect(failing.lastError).toBe(`CounterIncremented at position ${refused.position}: the database refused the write`);
        const health = await http().get('/health').expect(503);
        for (const body of [JSON.stringify(await states()), JSON.stringify(health.body)]) expect(body).not.toMatch(/no_such_table|secret_column/);

        fault.active = false;
        await waitUntil(async () => (await stateOf('flaky_log')).status === 'running', 'flaky_log to resume');
      });
    });

    describe('many concurrent commands on a few counters', () => {
      it('leave every read model row equal to the fold of its stream, at the stream version', async () => {
        const ids = await Promise.all([0, 1, 2, 3].map(async (i) => (await http().post('/counters').send({ name: `busy${i}` }).expect(201)).body.id as string));
        const actions = Array.from({ length: 240 }, (_, i) => ({ id: ids[i % 4], action: i % 5 === 4 ? 'decrement' : i % 17 === 0 ? 'reset' : 'increment', by: (i % 3) + 1 }));
        const answers = await Promise.all(actions.map(({ id, action, by }) => http().post(`/counters/${id}/${action}`).send(action === 'reset' ? {} : { by })));
        expect(answers.every((a) => a.status === 200 || a.status === 422)).toBe(true);
        const head = Math.max(...answers.filter((a) => a.status === 200).map((a) => a.body.position as number));

        for (const id of ids) {
          const view = (await http().get(`/counters/${id}?minPosition=${head}`).expect(200)).body;
          expect({ value: view.value, version: view.version }).toEqual(await foldOfStream(id));
        }
      });
    });

    describe('rebuild', () => {
      it('rebuilds a read model equal, row for row, to the live-built one over more than 10,000 events', async () => {
        fault.active = false;
        const store = t.app.get(EventStore);
        const registry = t.app.get(EventRegistry);
        const context = newCommandContext();
        for (let c = 0; c < 50; c++) {
          const id = randomUUID();
          const events = [new CounterCreatedEvent(id, `bulk${c}`), ...Array.from({ length: 209 }, (_, i) => (i % 4 === 3 ? new CounterDecrementedEvent(id, 1) : new CounterIncrementedEvent(id, (i % 7) + 1)))];
          const stored = events.map((event) => ({ ...registry.serialize(event), metadata: { eventId: randomUUID(), correlationId: context.correlationId, causationId: context.commandId }, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, c)) }));
          await store.appendToStream(id, 'Counter', stored, 'no-stream');
        }
        const head = await store.headPosition();
        expect(head).toBeGreaterThanOrEqual(10_000);
        await http().get(`/counters?minPosition=${head}`).expect(200);
        const rows = () => t.app.get(DataSource).query('SELECT * FROM counter_views ORDER BY id') as Promise<Row[]>;
        const live = await rows();
        expect(live.length).toBeGreaterThanOrEqual(50);

        const accepted = await http().post('/projections/counter_views/rebuild').expect(202);
        expect(accepted.body).toMatchObject({ name: 'counter_views', status: 'rebuilding' });
        const during = await http().get('/counters').expect(503);
        expect(during.headers['retry-after']).toBeDefined();

        await waitUntil(async () => (await stateOf('counter_views')).status === 'running', 'the rebuild to finish', 60_000);
        expect(await rows()).toEqual(live);
        expect(await stateOf('counter_views')).toMatchObject({ position: head, headPosition: head, lag: 0, lastError: null });
      });

      it('answers 404 for an unknown projection', async () => {
        await http().post('/projections/nope/rebuild').expect(404);
      });
    });

    describe('status and health', () => {
      it('lists every projection with position, head, lag, status, lastError and updatedAt', async () => {
        const list = await states();
        expect(list.map((s) => s.name).sort()).toEqual(['account_views', 'counter_views', 'flaky_log', 'transfer_views']);
        for (const s of list) {
          expect(s).toEqual({
            name: expect.any(String),
            position: expect.any(Number),
            headPosition: expect.any(Number),
            lag: s.headPosition - s.position,
            status: expect.stringMatching(/^(running|catching-up|rebuilding|failing)$/),
            lastError: s.status === 'failing' ? expect.any(String) : null,
            updatedAt: expect.any(String),
          });
        }
      });

      it('reports liveness', async () => {
        expect((await http().get('/health/live').expect(200)).body.status).toBe('ok');
      });
    });
  }),
);
