import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { ChildApp, freePort, spawnApp, started, STARTING_MESSAGE } from './support/child-app';
import { describeOn, postgresBackend } from './support/store-backends';
import { tempSqliteUrl } from './support/temp-database';
import { admin, dropPostgresDatabase, POSTGRES_ADMIN_URL } from './support/temp-postgres';
import { waitUntil } from './support/wait-until';

interface Answer {
  path: string;
  status: number;
  body: unknown;
  retryAfter: string | null;
}

const STARTING_BODY = { statusCode: 503, error: 'Service Unavailable', message: STARTING_MESSAGE };
const LIVE_BODY = { status: 'ok', info: {}, error: {}, details: {} };

async function ask(url: string, path: string): Promise<Answer | null> {
  try {
    const response = await fetch(`${url}${path}`);
    return { path, status: response.status, body: await response.json(), retryAfter: response.headers.get('retry-after') };
  } catch {
    return null; // not listening yet
  }
}

/** Everything the service answered, asked in turn from the moment it was spawned until the app itself answers. */
async function observeStart(app: ChildApp): Promise<Answer[]> {
  const answers: Answer[] = [];
  await waitUntil(
    async () => {
      for (const path of ['/health/live', '/health', '/counters']) {
        if (app.process.exitCode !== null) throw new Error(`the app exited:\n${app.output()}`);
        const answer = await ask(app.url, path);
        if (answer) answers.push(answer);
      }
      return answers.some((answer) => answer.path === '/counters' && answer.status === 200);
    },
    'the app to serve',
    60_000,
  );
  return answers;
}

const isStarting = (answer: Answer) => answer.status === 503 && (answer.body as { message?: string }).message === STARTING_MESSAGE;

function expectLiveBeforeTheApp(answers: Answer[]): void {
  const firstLive = answers.findIndex((answer) => answer.path === '/health/live');
  const firstFromApp = answers.findIndex((answer) => answer.path !== '/health/live' && !isStarting(answer));
  expect(answers[firstLive]).toMatchObject({ status: 200, body: LIVE_BODY });
  expect(firstLive).toBeLessThan(firstFromApp);
  // While starting: live, and everything else refused in the error contract, with when to retry.
  for (const answer of answers.slice(0, firstFromApp)) {
    if (answer.path === '/health/live') expect(answer).toMatchObject({ status: 200, body: LIVE_BODY });
    else expect(answer).toEqual({ path: answer.path, status: 503, body: STARTING_BODY, retryAfter: '1' });
  }
  // Every answer after the app took over comes from the app.
  expect(answers.slice(firstFromApp).filter(isStarting)).toEqual([]);
}

describe('Starting the compiled service (node dist/main.js)', () => {
  const db = tempSqliteUrl();
  let app: ChildApp | undefined;
  afterEach(async () => {
    await app?.kill();
    app = undefined;
  });
  afterAll(() => db.cleanup());

  it('answers /health/live while the app is still starting, refuses the rest with 503, then serves everything', async () => {
    app = await spawnApp({ DATABASE_URL: db.url }, { built: true, answering: false });
    const answers = await observeStart(app);
    expectLiveBeforeTheApp(answers);
    expect(answers.filter((answer) => answer.path === '/health' && isStarting(answer)).length).toBeGreaterThan(0);

    const created = await fetch(`${app.url}/counters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'after start-up' }),
    });
    expect(created.status).toBe(201);
    expect((await fetch(`${app.url}/docs`)).status).toBe(200);
    expect(await (await fetch(`${app.url}/health`)).json()).toMatchObject({ status: 'ok', database: 'up' });
    expect((await fetch(`${app.url}/health/live`)).headers.get('x-content-type-options')).toBe('nosniff');
  }, 120_000);

  it('closes the port it opened early when asked to stop (SIGTERM)', async () => {
    app = await spawnApp({ DATABASE_URL: db.url }, { built: true });
    await app.stop();
    expect(app.process.signalCode ?? app.process.exitCode).not.toBeNull();
    expect(await ask(app.url, '/health/live')).toBeNull();
  }, 120_000);

  it('fails in one line, exit code 1, when its port is taken', async () => {
    const port = await freePort();
    const holder = createServer().listen(port);
    await once(holder, 'listening');
    try {
      app = await spawnApp({ DATABASE_URL: db.url }, { built: true, answering: false, port });
      const [code] = (await once(app.process, 'exit')) as [number];
      expect(code).toBe(1);
      expect(app.output().trim()).toBe(`Port ${port} is already in use by another process: stop it, or set PORT to a free port`);
    } finally {
      holder.close();
    }
  }, 120_000);

  it('still traces requests when tracing is on (the SDK loads before the app)', async () => {
    app = await spawnApp({ DATABASE_URL: db.url, OTEL_TRACES_EXPORTER: 'console', OTEL_BSP_SCHEDULE_DELAY: '50' }, { built: true });
    expect((await fetch(`${app.url}/counters`)).status).toBe(200);
    await waitUntil(async () => app!.output().includes("name: 'GET /counters'"), 'the request span on the console');
  }, 120_000);
});

describeOn(postgresBackend, 'Starting while the database is not there yet', () => {
  const name = `chronicle_test_startup_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(POSTGRES_ADMIN_URL), { pathname: `/${name}` }).toString();
  let app: ChildApp | undefined;
  afterAll(async () => {
    await app?.kill();
    await dropPostgresDatabase(name);
  });

  it('is live and not ready for as long as start-up retries the database, then serves', async () => {
    app = await spawnApp({ DATABASE_URL: url, DATABASE_CONNECT_RETRY_DELAY_MS: '200', LOG_LEVEL: 'log' }, { built: true, answering: false });
    await waitUntil(async () => /Unable to connect to the database\. Retrying \(1\)/.test(app!.output()), 'a retry', 60_000);
    expect(await ask(app.url, '/health/live')).toMatchObject({ status: 200, body: LIVE_BODY });
    expect(await ask(app.url, '/health')).toEqual({ path: '/health', status: 503, body: STARTING_BODY, retryAfter: '1' });
    expect(await started(app.url)).toBe(false);

    await admin((client) => client.query(`CREATE DATABASE ${name}`));
    await waitUntil(() => started(app!.url), 'the app to take over', 60_000);
    expect((await ask(app.url, '/health'))?.status).toBe(200);
    expect((await ask(app.url, '/counters'))?.status).toBe(200);
  }, 120_000);
});
