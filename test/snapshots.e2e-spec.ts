import request from 'supertest';
import { DataSource } from 'typeorm';
import { CounterRepository } from '../src/counters/counter.repository';
import { Counter } from '../src/counters/domain/counter.aggregate';
import { CounterIncrementedEvent } from '../src/counters/domain/events/counter-incremented.event';
import {
  AggregateRepositoryDeps,
  EventRegistry,
  EventStore,
  InvalidEventError,
  newCommandContext,
  SnapshotStore,
  StoredEvent,
  UnknownEventTypeError,
} from '../src/event-sourcing';
import { sql } from './support/sql';
import { describeOn, storeBackends } from './support/store-backends';
import { startTestAppOn, TestApp } from './support/test-app';

const EVERY = 100;

storeBackends.forEach((backend) =>
  describeOn(backend, 'Snapshots and what a save never writes', () => {
    let t: TestApp;
    let counters: CounterRepository;
    let store: EventStore;
    const context = newCommandContext();

    /** Rows returned by every readStream call made while `work` runs. */
    async function rowsRead<T>(work: () => Promise<T>): Promise<{ rows: number; result: T }> {
      const spy = jest.spyOn(store, 'readStream');
      try {
        const result = await work();
        const reads = await Promise.all(spy.mock.results.map((r) => r.value as Promise<StoredEvent[]>));
        return { rows: reads.reduce((sum, rows) => sum + rows.length, 0), result };
      } finally {
        spy.mockRestore();
      }
    }

    /** The state folded from every event of the stream, no snapshot involved. */
    async function fullReplay(id: string): Promise<{ name: string; value: number; version: number }> {
      const counter = new Counter(id);
      const registry = t.app.get(EventRegistry);
      counter.loadFromHistory((await store.readStream(id)).map((event) => registry.deserialize(event)));
      return { name: counter.name, value: counter.value, version: counter.version };
    }

    /** A repository with nothing in memory, as right after a restart: its loads go to the snapshots table. */
    const coldRepository = () => new CounterRepository(t.app.get(AggregateRepositoryDeps));

    const stateOf = (counter: Counter) => ({ name: counter.name, value: counter.value, version: counter.version });
    const snapshotRows = (id: string): Promise<{ version: number; schema_version: number }[]> =>
      t.app.get(DataSource).query(sql(t.app.get(DataSource), `SELECT version, schema_version FROM snapshots WHERE stream_id = ? ORDER BY version`), [id]);

    beforeAll(async () => {
      t = await startTestAppOn(backend, { SNAPSHOT_EVERY: String(EVERY), SQLITE_SYNCHRONOUS: 'NORMAL' });
      counters = t.app.get(CounterRepository);
      store = t.app.get(EventStore);
    });
    afterAll(() => t.close());

    describe('a counter with 10,000 events', () => {
      const id = 'aaaaaaaa-0000-4000-8000-000000010000';

      beforeAll(async () => {
        const counter = Counter.create(id, 'big');
        for (let i = 1; i < 1000; i++) counter.increment(1);
        await counters.create(counter, context);
        for (let batch = 0; batch < 9; batch++) {
          await counters.update(id, (c) => Array.from({ length: 1000 }, () => c.increment(2)), { context });
        }
        for (let i = 0; i < 37; i++) await counters.update(id, (c) => c.increment(3), { context });
      });

      it('loads from the latest snapshot, reading at most N events after it', async () => {
        const { rows, result } = await rowsRead(() => coldRepository().load(id));
        expect(rows).toBeLessThanOrEqual(EVERY);
        expect(rows).toBe(37);
        expect(stateOf(result)).toEqual({ name: 'big', value: 999 + 18_000 + 111, version: 10_037 });
        expect(stateOf(result)).toEqual(await fullReplay(id));
      });

      it('ignores snapshots of a stale schema version, replays in full, and replaces them on the next save', async () => {
        await t.app.get(DataSource).query(sql(t.app.get(DataSource), `UPDATE snapshots SET schema_version = 0, state = '{"nonsense":true}' WHERE stream_id = ?`), [id]);
        const { rows, result } = await rowsRead(() => coldRepository().load(id));
        expect(rows).toBe(10_037);
        expect(stateOf(result)).toEqual(await fullReplay(id));

        await coldRepository().update(id, (c) => c.increment(1), { context });
        expect(await snapshotRows(id)).toEqual([{ version: 10_038, schema_version: Counter.snapshots.schemaVersion }]);
        const reloaded = await rowsRead(() => coldRepository().load(id));
        expect(reloaded.rows).toBe(0);
        expect(stateOf(reloaded.result)).toEqual(await fullReplay(id));
      });

      it('loads what this process saved last from memory, reading only the events appended after it', async () => {
        await counters.update(id, (c) => c.increment(4), { context });
        const warm = await rowsRead(() => counters.load(id));
        expect(warm.rows).toBe(0);
        expect(stateOf(warm.result)).toEqual(await fullReplay(id));

        // Another writer (another instance, as far as `counters` can tell) appends twice.
        const other = coldRepository();
        for (let i = 0; i < 2; i++) await other.update(id, (c) => c.increment(5), { context });
        const { rows, result } = await rowsRead(() => counters.load(id));
        expect(rows).toBe(2);
        expect(stateOf(result)).toEqual(await fullReplay(id));
      });

      it('serves a past state earlier than every remaining snapshot by replaying up to it', async () => {
        const { body } = await request(t.server).get(`/counters/${id}/state?version=5000`).expect(200);
        expect(body).toMatchObject({ version: 5000, value: 999 + 4000 * 2 });
      });
    });

    describe('when the snapshot store fails', () => {
      it('still saves the events, and loading falls back to a full replay', async () => {
        const snapshots = t.app.get(SnapshotStore);
        const id = 'bbbbbbbb-0000-4000-8000-000000000001';
        const failingSave = jest.spyOn(snapshots, 'save').mockRejectedValue(new Error('disk full'));
        const failingRead = jest.spyOn(snapshots, 'latest').mockRejectedValue(new Error('table locked'));
        try {
          const counter = Counter.create(id, 'unlucky');
          for (let i = 0; i < 2 * EVERY; i++) counter.increment(1);
          await expect(counters.create(counter, context)).resolves.toMatchObject({ version: 2 * EVERY + 1 });
          expect(failingSave).toHaveBeenCalled();
          expect(stateOf(await counters.load(id))).toEqual({ name: 'unlucky', value: 2 * EVERY, version: 2 * EVERY + 1 });
        } finally {
          failingSave.mockRestore();
          failingRead.mockRestore();
        }
        expect(await snapshotRows(id)).toEqual([]);
      });
    });

    describe('what is never written or never skipped', () => {
      it('refuses an event that breaks its class rules and appends nothing', async () => {
        const id = 'cccccccc-0000-4000-8000-000000000001';
        await counters.create(Counter.create(id, 'strict'), context);
        const bad = counters.update(id, (c) => c.apply(new CounterIncrementedEvent(id, 0)), { context });
        await expect(bad).rejects.toThrow(InvalidEventError);
        await expect(bad).rejects.toThrow(/by must not be less than 1/);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('names a stored event type no class knows instead of folding without it', async () => {
        const id = 'dddddddd-0000-4000-8000-000000000001';
        await counters.create(Counter.create(id, 'odd'), context);
        const metadata = { eventId: 'x', correlationId: 'x', causationId: 'x' };
        await store.appendToStream(id, 'Counter', [{ type: 'CounterRenamed', schemaVersion: 1, data: { name: 'new' }, metadata, occurredAt: new Date() }], 1);
        await expect(counters.load(id)).rejects.toThrow(UnknownEventTypeError);
        await expect(counters.load(id)).rejects.toThrow(/'CounterRenamed'/);
        const { body } = await request(t.server).post(`/counters/${id}/increment`).send({}).expect(500);
        expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
      });
    });
  }),
);
