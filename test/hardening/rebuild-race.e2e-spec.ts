import request from 'supertest';
import { describeOn, postgresBackend, TestDatabase } from '../support/store-backends';
import { startTestApp, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait-until';

// Issue 11, case 6: a rebuild asked on one instance while another applies batches used to deadlock (500).
describeOn(postgresBackend, 'A rebuild racing another instance', () => {
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    database = await postgresBackend.createDatabase();
    first = await startTestApp({ DATABASE_URL: database.url });
    second = await startTestApp({ DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await database.drop();
  });

  it('answers 202 (the checkpoint is locked before the read model, as batches do), and the read model ends equal to the log', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await request(first.server).post('/counters').send({ name: `race${i}` }).expect(201)).body.id);
    let writing = true;
    let sent = 0;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      while (writing) {
        const app = (sent++ + w) % 2 === 0 ? first : second;
        await request(app.server).post(`/counters/${ids[sent % ids.length]}/increment`).send({ by: 1 }).expect(200);
      }
    });
    const statuses: number[] = [];
    for (let i = 0; i < 19; i++) {
      const app = i % 2 === 0 ? second : first;
      statuses.push((await request(app.server).post('/projections/counter_views/rebuild')).status);
    }
    writing = false;
    await Promise.all(writers);

    // Before, 2 in 19 met "deadlock detected"; now none does, and a residual conflict is retried (else 409).
    expect(statuses).toEqual(statuses.map(() => 202));
    const last = (await request(first.server).post(`/counters/${ids[0]}/increment`).send({ by: 1 }).expect(200)).body.position;
    const listed = await waitUntil(async () => {
      const response = await request(second.server).get(`/counters?limit=100&minPosition=${last}`);
      return response.status === 200 && response.body;
    }, 'the rebuilt read model to catch up');
    const total = listed.items.reduce((sum: number, item: { value: number }) => sum + item.value, 0);
    expect(total).toBe(sent + 1);
  });
});
