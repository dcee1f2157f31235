import { join } from 'node:path';
import { ChildApp, spawnApp } from '../support/child-app';
import { describeOn, storeBackends } from '../support/store-backends';
import { waitUntil } from '../support/wait-until';

// Not imported: loading it patches node:http in whatever process loads it.
const preload = join(__dirname, '..', 'support', 'crash-before-answer.preload.ts');
const CRASH_BEFORE_ANSWER_HEADER = 'x-crash-before-answer';

async function post(url: string, body: object, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), body: (await response.json()) as Record<string, unknown> };
}

storeBackends.forEach((backend) =>
  describeOn(backend, 'Idempotency across a crash between commit and answer', () => {
    let app: ChildApp | undefined;
    let drop: () => Promise<void> | void = () => undefined;
    afterEach(async () => {
      await app?.kill();
      await drop();
    });

    it('answers the retry with the committed answer, recording the change once', async () => {
      const database = await backend.createDatabase();
      drop = () => database.drop();
      app = await spawnApp({ DATABASE_URL: database.url }, { preload: [preload] });
      const { body: counter } = await post(`${app.url}/counters`, { name: 'c' }, {});
      const url = `${app.url}/counters/${counter.id}/increment`;

      await expect(post(url, { by: 7 }, { 'Idempotency-Key': 'crash-1', [CRASH_BEFORE_ANSWER_HEADER]: 'true' })).rejects.toThrow();
      const crashed = app.process;
      await waitUntil(async () => crashed.signalCode !== null, 'the app to die before answering');
      expect(crashed.signalCode).toBe('SIGKILL');

      app = await spawnApp({ DATABASE_URL: database.url });
      const retried = await post(`${app.url}/counters/${counter.id}/increment`, { by: 7 }, { 'Idempotency-Key': 'crash-1' });
      expect(retried).toEqual({ status: 200, replayed: 'true', body: { id: counter.id, value: 7, version: 2, position: expect.any(Number) } });

      const events = (await (await fetch(`${app.url}/counters/${counter.id}/events`)).json()) as { items: { type: string }[] };
      expect(events.items.map((e) => e.type)).toEqual(['CounterCreated', 'CounterIncremented']);
    });
  }),
);
