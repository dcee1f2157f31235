import request from 'supertest';
import { describeOn, storeBackends } from '../support/store-backends';
import { startTestAppOn, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait-until';
import { fault, GreeterModule } from './greeter.process-manager';

storeBackends.forEach((backend) =>
  describeOn(backend, 'Process managers', () => {
    let t: TestApp;
    const http = () => request(t.server);
    const stateOf = async (name: string) => ((await http().get('/process-managers').expect(200)).body as { name: string; status: string; position: number; lastError: string | null }[]).find((s) => s.name === name)!;
    const eventsOf = async (id: string) => (await http().get(`/counters/${id}/events`).expect(200)).body.items as { type: string; metadata: Record<string, string> }[];

    beforeAll(async () => {
      t = await startTestAppOn(backend, {}, [GreeterModule]);
    });
    afterAll(() => t.close());

    it('sends a command for an event, with an id derived from it, the event as causation and its correlation id', async () => {
      fault.active = false;
      const { id } = (await http().post('/counters').set('X-Correlation-Id', 'greeting-1').send({ name: 'greet me' }).expect(201)).body;
      const events = await waitUntil(async () => {
        const all = await eventsOf(id);
        return all.length === 2 && all;
      }, 'the greeting');
      const created = events[0].metadata;
      expect(events[1]).toMatchObject({ type: 'CounterIncremented', metadata: { correlationId: 'greeting-1', causationId: created.eventId } });
    });

    it('holds at an event its handler throws on, reports failing (health 503), and resumes once the cause is gone', async () => {
      fault.active = true;
      const poison = (await http().post('/counters').send({ name: 'poison' }).expect(201)).body;
      const after = (await http().post('/counters').send({ name: 'greet later' }).expect(201)).body;
      const failing = await waitUntil(async () => {
        const state = await stateOf('greeter');
        return state.status === 'failing' && state;
      }, 'greeter to report failing');
      expect(failing.position).toBe(poison.position - 1);
      expect(failing.lastError).toContain(`CounterCreated at position ${poison.position}: `); // classified; the full error is logged
      await http().get('/health').expect(503);
      expect(await eventsOf(after.id)).toHaveLength(1); // held: nothing after the poison is acted on

      fault.active = false;
      await waitUntil(async () => (await eventsOf(after.id)).length === 2, 'the greeter to resume', 30_000);
      await waitUntil(async () => (await stateOf('greeter')).status === 'running', 'greeter to run again');
      await waitUntil(async () => (await stateOf('partitioned_greeter')).status === 'running', 'partitioned_greeter to run again');
      await http().get('/health').expect(200);
    });

    it('partitioned: holds at a failing event without acting twice on the events of other partitions', async () => {
      fault.active = true;
      const poison = (await http().post('/counters').send({ name: 'ppoison' }).expect(201)).body;
      const others = [];
      for (let i = 0; i < 5; i++) others.push((await http().post('/counters').send({ name: `pgreet ${i}` }).expect(201)).body);
      const failing = await waitUntil(async () => {
        const state = await stateOf('partitioned_greeter');
        return state.status === 'failing' && state;
      }, 'partitioned_greeter to report failing');
      expect(failing.position).toBe(poison.position - 1);

      fault.active = false;
      await waitUntil(async () => (await stateOf('partitioned_greeter')).status === 'running', 'partitioned_greeter to run again', 30_000);
      for (const other of others) {
        await waitUntil(async () => (await eventsOf(other.id)).length >= 2, 'the greeting');
        expect((await eventsOf(other.id)).map((e) => e.type)).toEqual(['CounterCreated', 'CounterIncremented']);
      }
    });

    it('is listed apart from the projections and cannot be rebuilt', async () => {
      expect((await http().get('/projections').expect(200)).body.map((p: { name: string }) => p.name)).not.toContain('greeter');
      await http().post('/projections/greeter/rebuild').expect(404);
    });
  }),
);
