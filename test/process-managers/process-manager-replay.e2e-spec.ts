import request from 'supertest';
import { rewindCheckpoint } from '../support/rewind-checkpoint';
import { describeOn, storeBackends, TestDatabase } from '../support/store-backends';
import { startTestApp, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait-until';
import { fault, GreeterModule } from './greeter.process-manager';

storeBackends.forEach((backend) =>
  describeOn(backend, 'A process manager replaying after a crash', () => {
    let database: TestDatabase;
    let t: TestApp | null = null;
    const start = async () => (t = await startTestApp({ DATABASE_URL: database.url }, [GreeterModule]));
    const http = () => request(t!.server);
    const caughtUp = () =>
      waitUntil(async () => {
        const [greeter] = (await http().get('/process-managers').expect(200)).body.filter((s: { name: string }) => s.name === 'greeter');
        return greeter.lag === 0 && greeter.status === 'running';
      }, 'the greeter to catch up');

    beforeAll(async () => {
      fault.active = false;
      database = await backend.createDatabase();
    });
    afterAll(async () => {
      await t?.close();
      await database.drop();
    });

    it('answers every re-sent command from the record: a command that is not idempotent itself acts once', async () => {
      await start();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await http().post('/counters').send({ name: `greet ${i}` }).expect(201)).body.id);
      await caughtUp();
      const head = (await http().get('/projections').expect(200)).body[0].headPosition;
      await t!.close();

      await rewindCheckpoint(database.url, 'greeter', 0);
      await start();
      await caughtUp();
      expect((await http().get('/projections').expect(200)).body[0].headPosition).toBe(head);
      for (const id of ids) expect((await http().get(`/counters/${id}/events`).expect(200)).body.items.map((e: { type: string }) => e.type)).toEqual(['CounterCreated', 'CounterIncremented']);
    });
  }),
);
