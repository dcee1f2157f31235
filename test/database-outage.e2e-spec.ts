import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChildApp, spawnApp, untilAnswering } from './support/child-app';
import { describeOn, postgresBackend } from './support/store-backends';
import { admin, dropPostgresDatabase, POSTGRES_ADMIN_URL } from './support/temp-postgres';
import { waitUntil } from './support/wait-until';

async function post(url: string, body: object): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describeOn(postgresBackend, 'An instance whose database goes away', () => {
  const name = `chronicle_test_outage_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(POSTGRES_ADMIN_URL), { pathname: `/${name}` }).toString();
  let app: ChildApp;

  afterAll(async () => {
    await app?.kill();
    await dropPostgresDatabase(name);
  });

  it('keeps retrying at start-up while the database is missing, then starts once it appears', async () => {
    app = await spawnApp({ DATABASE_URL: url, DATABASE_CONNECT_RETRY_DELAY_MS: '300', LOG_LEVEL: 'log' }, { answering: false });
    await waitUntil(async () => /Unable to connect to the database\. Retrying \(2\)/.test(app.output()), 'the second retry', 60_000);
    expect(app.process.exitCode).toBeNull();

    await admin((client) => client.query(`CREATE DATABASE ${name}`));
    await untilAnswering(app);
    expect((await post(`${app.url}/counters`, { name: 'after-start' })).status).toBe(201);
  });

  it('answers errors, not a crash, while the database refuses connections, and recovers when it is back', async () => {
    const created = (await (await post(`${app.url}/counters`, { name: 'outage' })).json()) as { id: string };

    await admin(async (client) => {
      await client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    });
    await sleep(300);
    const during = await post(`${app.url}/counters/${created.id}/increment`, { by: 1 });
    expect(during.status).toBe(500);
    expect(await during.json()).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
    const health = await fetch(`${app.url}/health`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { error: Record<string, { status: string }> }).error.database.status).toBe('down');
    await sleep(1500); // the projection poller and the ownership connection meet the outage too
    expect(app.process.exitCode).toBeNull();

    await admin((client) => client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`));
    const after = await waitUntil(async () => {
      const r = await post(`${app.url}/counters/${created.id}/increment`, { by: 2 });
      return r.status === 200 ? ((await r.json()) as { value: number; position: number }) : undefined;
    }, 'an increment after the outage');
    expect(after.value).toBe(2);
    // The projection resumed too: read-your-writes through it.
    const view = await fetch(`${app.url}/counters/${created.id}?minPosition=${after.position}`);
    expect(view.status).toBe(200);
    expect(((await view.json()) as { value: number }).value).toBe(2);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });
});
