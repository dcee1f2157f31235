import { ChildApp, spawnApp } from '../support/child-app';
import { describeOn, postgresBackend } from '../support/store-backends';
import { createTempPostgresDatabase, TempPostgresDatabase } from '../support/temp-postgres';

async function post(url: string, body: object, key?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text(), replayed: response.headers.get('idempotent-replayed') === 'true' };
}

describeOn(postgresBackend, 'Idempotency-Key across two instances on one PostgreSQL database', () => {
  let database: TempPostgresDatabase;
  let a: ChildApp;
  let b: ChildApp;

  beforeAll(async () => {
    database = await createTempPostgresDatabase();
    // Retries are generous: a 409 (too many lost races between the instances) is not a final answer.
    const env = { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '5', COMMAND_MAX_ATTEMPTS: '100' };
    [a, b] = await Promise.all([spawnApp(env), spawnApp(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await database?.drop();
  });

  it('executes each key once when its repeats reach both instances at the same time, and answers them all the same', async () => {
    const { id } = JSON.parse((await post(`${a.url}/counters`, { name: 'shared' })).text) as { id: string };
    const keys = Array.from({ length: 20 }, (_, i) => `both-${i}`);
    const refusedKey = 'both-refused';
    const sends = [...keys, refusedKey].flatMap((key) =>
      [a, b, a, b].map((app) => ({ key, sent: post(`${app.url}/counters/${id}/${key === refusedKey ? 'decrement' : 'increment'}`, { by: key === refusedKey ? 1000 : 2 }, key) })),
    );
    const answers = await Promise.all(sends.map(async ({ key, sent }) => ({ key, ...(await sent) })));

    for (const key of [...keys, refusedKey]) {
      const forKey = answers.filter((x) => x.key === key);
      expect(new Set(forKey.map((x) => `${x.status} ${x.text}`)).size).toBe(1);
      expect(forKey.filter((x) => !x.replayed)).toHaveLength(1);
      expect(forKey[0].status).toBe(key === refusedKey ? 422 : 200);
    }
    const events = (await (await fetch(`${b.url}/counters/${id}/events`)).json()) as { items: { type: string }[] };
    expect(events.items.filter((e) => e.type === 'CounterIncremented')).toHaveLength(keys.length);
    expect(events.items).toHaveLength(keys.length + 1);
  });
});
