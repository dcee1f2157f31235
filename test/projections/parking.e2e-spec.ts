import request from 'supertest';
import { DataSource } from 'typeorm';
import { sql } from '../support/sql';
import { describeOn, storeBackends } from '../support/store-backends';
import { startTestAppOn, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait-until';
import { fault, FlakyProjectionModule } from './flaky.projection';

interface State {
  name: string;
  position: number;
  status: string;
  lastError: string | null;
}

// Issue 11: an operator's way out of a poison event, without a code change.
storeBackends.forEach((backend) =>
  describeOn(backend, 'Parking a poison event', () => {
    let t: TestApp;
    const http = () => request(t.server);
    const stateOf = async (name: string) => ((await http().get('/projections').expect(200)).body as State[]).find((s) => s.name === name)!;
    const logged = async (id: string) => {
      const dataSource = t.app.get(DataSource);
      return ((await dataSource.query(sql(dataSource, 'SELECT by_value FROM flaky_log WHERE stream_id = ? ORDER BY position'), [id])) as { by_value: number }[]).map((r) => Number(r.by_value));
    };

    beforeAll(async () => {
      t = await startTestAppOn(backend, {}, [FlakyProjectionModule]);
    });
    afterAll(() => t.close());

    it('holds by default; parks the failing event on request, moves past it, lists it, and applies it on retry once fixed', async () => {
      fault.active = true;
      const { id } = (await http().post('/counters').send({ name: 'poison' }).expect(201)).body;
      const poison = (await http().post(`/counters/${id}/increment`).send({ by: 13 }).expect(200)).body;
      const after = (await http().post(`/counters/${id}/increment`).send({ by: 2 }).expect(200)).body;
      const failing = await waitUntil(async () => {
        const s = await stateOf('flaky_log');
        return s.status === 'failing' && s;
      }, 'flaky_log to hold at the poison event');
      expect(failing.lastError).toBe(`CounterIncremented at position ${poison.position}: the projection handler threw an error`);

      // Refused: another position, a projection that is not failing, one that does not exist.
      expect((await http().post('/projections/flaky_log/park').send({ position: after.position }).expect(409)).body.message).toMatch(/holds at the event at position/);
      await http().post('/projections/counter_views/park').send({}).expect(409);
      await http().post('/projections/nope/park').send({}).expect(404);
      expect((await stateOf('flaky_log')).status).toBe('failing');

      const parked = (await http().post('/projections/flaky_log/park').send({ position: poison.position }).expect(200)).body;
      expect(parked).toEqual({ projection: 'flaky_log', position: poison.position, type: 'CounterIncremented', error: failing.lastError, parkedAt: expect.any(String) });
      const moved = await waitUntil(async () => {
        const s = await stateOf('flaky_log');
        return s.status === 'running' && s.position >= after.position && s;
      }, 'flaky_log to move past the parked event');
      expect(moved.lastError).toBeNull();
      expect(await logged(id)).toEqual([0, 2]);
      await http().get('/health').expect(200);
      expect((await http().get('/projections/flaky_log/parked').expect(200)).body.items).toEqual([parked]);

      // Retried while still broken: it stays parked.
      expect((await http().post(`/projections/flaky_log/parked/${poison.position}/retry`).expect(422)).body.message).toMatch(/still fails.*stays parked/);
      expect((await http().get('/projections/flaky_log/parked').expect(200)).body.items).toHaveLength(1);

      fault.active = false;
      expect((await http().post(`/projections/flaky_log/parked/${poison.position}/retry`).expect(200)).body).toEqual(parked);
      expect(await logged(id)).toEqual([0, 13, 2]); // by position: applied late, in its own place
      expect((await http().get('/projections/flaky_log/parked').expect(200)).body.items).toEqual([]);
      await http().post(`/projections/flaky_log/parked/${poison.position}/retry`).expect(404);
      await http().post('/projections/flaky_log/parked/1e300/retry').expect(400);
    });
  }),
);
