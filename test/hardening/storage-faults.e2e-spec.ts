import request from 'supertest';
import { DataSource } from 'typeorm';
import { admin } from '../support/temp-postgres';
import { describeOn, postgresBackend, sqliteBackend } from '../support/store-backends';
import { startTestAppOn, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait-until';

// Issue 11, case 6: a full or read-only database used to answer writes with a bare 500 while /health said ready.
async function expectFaultAnswered(t: TestApp, fault: 'full' | 'read-only', write: () => request.Test) {
  // On PostgreSQL the fault closes the pool's sessions: a read may meet one of them once, like a write.
  const projections = await waitUntil(async () => {
    const r = await request(t.server).get('/projections');
    return r.status === 200 && r;
  }, 'the projections to be readable');
  const headBefore = projections.body[0].headPosition;
  // Writes succeed until the disk fills up; on PostgreSQL the first ones may meet a closed session too.
  const response = await waitUntil(async () => {
    const r = await write();
    return r.status === 503 && r;
  }, `a write to meet the ${fault} database`);
  expect(response.headers['retry-after']).toBe('10');
  expect(response.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: `The database is ${fault}: nothing was recorded; retry later` });
  const health = await request(t.server).get('/health').expect(503);
  expect(health.body).toMatchObject({ database: fault, details: { storage: { status: 'down', state: fault } } });
  await request(t.server).get('/health/live').expect(200);
  return headBefore as number;
}

async function expectRecovered(t: TestApp) {
  await waitUntil(async () => (await request(t.server).post('/counters').send({ name: 'after the fault' })).status === 201, 'writes to succeed again');
  const health = await request(t.server).get('/health').expect(200);
  expect(health.body.database).toBe('up');
}

describeOn(sqliteBackend, 'Storage faults', () => {
  let t: TestApp;
  const pragma = (statement: string) => t.app.get(DataSource).query(`PRAGMA ${statement}`);

  beforeEach(async () => {
    t = await startTestAppOn(sqliteBackend);
  });
  afterEach(() => t.close());

  it('answers writes to a full database with 503 and Retry-After, reports database "full", and recovers', async () => {
    const [{ page_count: pages }] = await pragma('page_count');
    await pragma(`max_page_count = ${pages}`);
    let n = 0;
    await expectFaultAnswered(t, 'full', () => request(t.server).post('/counters').send({ name: `filling the disk ${n++} ${'x'.repeat(80)}` }));
    await pragma('max_page_count = 1073741823');
    await expectRecovered(t);
  });

  it('answers writes to a read-only database with 503, records nothing, reports database "read-only", and recovers', async () => {
    const { id } = (await request(t.server).post('/counters').send({ name: 'ro' }).expect(201)).body;
    await pragma('query_only = ON');
    const head = await expectFaultAnswered(t, 'read-only', () => request(t.server).post(`/counters/${id}/increment`).send({ by: 1 }));
    await pragma('query_only = OFF');
    expect((await request(t.server).get(`/counters/${id}/events`).expect(200)).body.items).toHaveLength(1);
    expect((await request(t.server).get('/projections').expect(200)).body[0].headPosition).toBe(head);
    await expectRecovered(t);
  });
});

describeOn(postgresBackend, 'Storage faults', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestAppOn(postgresBackend);
  });
  afterAll(() => t.close());

  it('answers writes to a read-only database with 503 and reports database "read-only", and recovers', async () => {
    const name = new URL(t.databaseUrl).pathname.slice(1);
    const setReadOnly = async (on: boolean) => {
      await admin(async (client) => {
        await client.query(`ALTER DATABASE ${name} SET default_transaction_read_only = ${on ? 'on' : 'off'}`);
        // Settings reach new sessions only: close the pool's, it opens new ones.
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      });
    };
    await setReadOnly(true);
    await expectFaultAnswered(t, 'read-only', () => request(t.server).post('/counters').send({ name: 'refused' }));
    await setReadOnly(false);
    await expectRecovered(t);
  });
});
