import { setTimeout as sleep } from 'node:timers/promises';
import { COUNTER_VIEWS } from '../src/counters/projections/counter-view.projection';
import { PROJECTION_LOCK_SPACE } from '../src/event-sourcing/store/postgres-advisory-locks';
import { ChildApp, spawnApp } from './support/child-app';
import { describeOn, postgresBackend } from './support/store-backends';
import { admin, createTempPostgresDatabase, TempPostgresDatabase } from './support/temp-postgres';
import { waitUntil } from './support/wait-until';

interface CommandResponse {
  value: number;
  version: number;
  position: number;
}

async function call<T>(method: 'GET' | 'POST', url: string, body?: object): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function createCounters(app: ChildApp, count: number): Promise<string[]> {
  const created = await Promise.all(Array.from({ length: count }, (_, i) => call<{ id: string }>('POST', `${app.url}/counters`, { name: `c${i}` })));
  return created.map((r) => r.body.id);
}

/** The counter's value folded from its own events, from the event store (not the projection). */
async function foldedValue(app: ChildApp, id: string): Promise<number> {
  const { body } = await call<{ items: { type: string; data: { by?: number } }[] }>('GET', `${app.url}/counters/${id}/events`);
  return body.items.reduce((value, e) => {
    if (e.type === 'CounterIncremented') return value + e.data.by!;
    if (e.type === 'CounterDecremented') return value - e.data.by!;
    return e.type === 'CounterReset' ? 0 : value;
  }, 0);
}

/** Sends `total` increments, `concurrency` at a time, each to the next app in turn. */
async function load(apps: () => ChildApp[], ids: string[], total: number, concurrency: number, acknowledged: Map<string, number>) {
  let sent = 0;
  let failed = 0;
  let acknowledgedByLastApp = 0;
  let lastPosition = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < total) {
        const n = sent++;
        const targets = apps();
        const id = ids[n % ids.length];
        const by = (n % 3) + 1;
        try {
          const r = await call<CommandResponse>('POST', `${targets[n % targets.length].url}/counters/${id}/increment`, { by });
          if (r.status !== 200) throw new Error(`status ${r.status}`);
          acknowledged.set(id, (acknowledged.get(id) ?? 0) + by);
          lastPosition = Math.max(lastPosition, r.body.position);
          if (targets.length === 1) acknowledgedByLastApp += 1;
        } catch {
          failed += 1; // only expected from an instance being killed
        }
      }
    }),
  );
  return { failed, lastPosition, acknowledgedByLastApp };
}

async function projectionHolders(database: string): Promise<number> {
  const { rows } = await admin((client) =>
    client.query(
      `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.datname = $1 AND l.classid = $2`,
      [database, PROJECTION_LOCK_SPACE],
    ),
  );
  return rows[0].n;
}

/** How many projections and process managers follow the log: each is held by exactly one instance, one lock each. */
async function followerCount(app: ChildApp): Promise<number> {
  const projections = await call<unknown[]>('GET', `${app.url}/projections`);
  const processManagers = await call<unknown[]>('GET', `${app.url}/process-managers`);
  return projections.body.length + processManagers.body.length;
}

describeOn(postgresBackend, 'Two app instances on one PostgreSQL database', () => {
  let database: TempPostgresDatabase;
  let a: ChildApp;
  let b: ChildApp;

  beforeAll(async () => {
    database = await createTempPostgresDatabase();
    // Started together on an empty database: both try to run the migrations at once.
    const env = { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '5', LOG_LEVEL: 'log' };
    [a, b] = await Promise.all([spawnApp(env), spawnApp(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await database?.drop();
  });

  it('ends concurrent increments spread over both with the exact total, and every view equals the fold', async () => {
    const ids = await createCounters(a, 4);
    const acknowledged = new Map<string, number>();
    const { failed, lastPosition } = await load(() => [a, b], ids, 240, 16, acknowledged);
    expect(failed).toBe(0);

    for (const app of [a, b]) {
      for (const id of ids) {
        // Read-your-writes on either instance, whichever one advances the projection.
        const view = await call<{ value: number }>('GET', `${app.url}/counters/${id}?minPosition=${lastPosition}`);
        expect(view.status).toBe(200);
        expect(view.body.value).toBe(acknowledged.get(id));
        expect(await foldedValue(app, id)).toBe(acknowledged.get(id));
      }
    }
    expect(await projectionHolders(database.name)).toBe(await followerCount(a));
  });

  const owns = (app: ChildApp) => app.output().includes(`advancing ${COUNTER_VIEWS} from this instance`);

  it('rebuilds a projection when asked on the instance that does not own it', async () => {
    expect([a, b].filter(owns)).toHaveLength(1);
    const [owner, other] = owns(a) ? [a, b] : [b, a];
    const before = await call<{ items: unknown[] }>('GET', `${other.url}/counters?limit=1000`);
    const accepted = await call<{ status: string }>('POST', `${other.url}/projections/${COUNTER_VIEWS}/rebuild`);
    expect(accepted.status).toBe(202);

    const head = Math.max(...(await call<{ position: number }[]>('GET', `${owner.url}/projections`)).body.map((p) => p.position));
    for (const app of [owner, other]) {
      await waitUntil(async () => {
        const states = (await call<{ name: string; status: string; position: number }[]>('GET', `${app.url}/projections`)).body;
        const state = states.find((s) => s.name === COUNTER_VIEWS)!;
        return state.status === 'running' && state.position >= head;
      }, `${COUNTER_VIEWS} to be rebuilt, as seen from ${app.url}`);
    }
    expect(await call('GET', `${owner.url}/counters?limit=1000`)).toEqual(before);
    expect([a, b].filter(owns)).toEqual([owner]); // the owner did the work
  });

  it('carries on when the projection owner is killed mid-load, and the survivor takes its projections over', async () => {
    expect([a, b].filter(owns)).toHaveLength(1);
    const [owner, survivor] = owns(a) ? [a, b] : [b, a];
    const ids = await createCounters(survivor, 3);
    const acknowledged = new Map<string, number>();
    let alive = [owner, survivor];
    const running = load(() => alive, ids, 300, 8, acknowledged);
    await sleep(400);
    await owner.kill();
    alive = [survivor];
    const { lastPosition, acknowledgedByLastApp } = await running;
    expect(acknowledgedByLastApp).toBeGreaterThan(50); // the load went on after the kill

    for (const id of ids) {
      const view = await call<{ value: number }>('GET', `${survivor.url}/counters/${id}?minPosition=${lastPosition}`);
      expect(view.status).toBe(200);
      const folded = await foldedValue(survivor, id);
      expect(view.body.value).toBe(folded);
      // Every acknowledged increment is in the log; an increment cut off by the kill may or may not be.
      expect(folded).toBeGreaterThanOrEqual(acknowledged.get(id) ?? 0);
    }
    const after = await call<CommandResponse>('POST', `${survivor.url}/counters/${ids[0]}/increment`, { by: 5 });
    const view = await call<{ value: number }>('GET', `${survivor.url}/counters/${ids[0]}?minPosition=${after.body.position}`);
    expect(view.body.value).toBe(after.body.value);
    expect(await projectionHolders(database.name)).toBe(await followerCount(survivor));
  });

  it('serves read-your-writes on an instance started with RUN_PROJECTIONS=false, which never takes a projection', async () => {
    const follower = await spawnApp({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: '2', RUN_PROJECTIONS: 'false', LOG_LEVEL: 'log' });
    try {
      const [id] = await createCounters(follower, 1);
      const up = await call<CommandResponse>('POST', `${follower.url}/counters/${id}/increment`, { by: 7 });
      const view = await call<{ value: number }>('GET', `${follower.url}/counters/${id}?minPosition=${up.body.position}`);
      expect(view).toEqual({ status: 200, body: expect.objectContaining({ value: 7 }) });
      expect(follower.output()).not.toContain('from this instance');
    } finally {
      await follower.kill();
    }
  });
});
