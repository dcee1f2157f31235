import Database from 'better-sqlite3';
import { ChildApp, spawnApp } from './support/child-app';
import { tempSqliteUrl } from './support/temp-database';

interface Ack {
  version: number;
  position: number;
}

async function post(url: string, body?: object): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Sends increments from `lanes` concurrent loops until `enough` are acknowledged, then kills the app. */
async function incrementUntilKilled(app: ChildApp, id: string, lanes: number, enough: number): Promise<Ack[]> {
  const acks: Ack[] = [];
  let killed: Promise<void> | null = null;
  const lane = async () => {
    while (!killed) {
      try {
        const response = await post(`${app.url}/counters/${id}/increment`);
        if (response.status === 200) acks.push(response.body as unknown as Ack);
      } catch {
        return; // the connection died with the process
      }
      if (acks.length >= enough && !killed) killed = app.kill();
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  await killed;
  return acks;
}

describe('Durability: a 2xx answer means the events are on disk', () => {
  const db = tempSqliteUrl();
  afterAll(() => db.cleanup());

  it('loses no acknowledged increment when the process is SIGKILLed under load', async () => {
    const app = await spawnApp({ DATABASE_URL: db.url });
    const created = await post(`${app.url}/counters`, { name: 'durable' });
    const id = created.body.id as string;
    const acks = await incrementUntilKilled(app, id, 8, 150);
    expect(app.process.signalCode).toBe('SIGKILL');

    const file = new Database(db.file, { readonly: true });
    const rows = file.prepare('SELECT version, position FROM events WHERE stream_id = ? ORDER BY version').all(id) as Ack[];
    file.close();
    const stored = new Map(rows.map((row) => [row.version, row.position]));
    expect(acks.length).toBeGreaterThanOrEqual(150);
    for (const ack of acks) expect(stored.get(ack.version)).toBe(ack.position);
    expect(rows.map((row) => row.version)).toEqual(rows.map((_, i) => i + 1));

    // And the restarted service serves the fold of what is stored.
    const again = await spawnApp({ DATABASE_URL: db.url });
    try {
      const last = rows[rows.length - 1];
      const view = await fetch(`${again.url}/counters/${id}?minPosition=${last.position}`).then((r) => r.json());
      expect(view).toMatchObject({ value: rows.length - 1, version: rows.length });
    } finally {
      await again.stop();
    }
  });
});
