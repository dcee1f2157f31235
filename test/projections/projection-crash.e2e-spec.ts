import Database from 'better-sqlite3';
import { spawnApp } from '../support/child-app';
import { tempSqliteUrl } from '../support/temp-database';

async function post(url: string, body: object = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBeLessThan(300);
  return (await response.json()) as { id: string; position: number; value: number };
}

describe('A crash between the commit and the projection', () => {
  const db = tempSqliteUrl();
  afterAll(() => db.cleanup());

  it('is repaired on restart: the projection catches up to the fold of the events', async () => {
    // This instance commits events but never projects them, so the kill lands "before the projection ran".
    const writer = await spawnApp({ DATABASE_URL: db.url, RUN_PROJECTIONS: 'false' });
    const { id } = await post(`${writer.url}/counters`, { name: 'crash' });
    let last = { position: 0, value: 0 };
    for (let i = 1; i <= 30; i++) last = await post(`${writer.url}/counters/${id}/${i % 6 === 0 ? 'decrement' : 'increment'}`, { by: 2 });
    await writer.kill();

    const file = new Database(db.file, { readonly: true });
    expect(file.prepare('SELECT COUNT(*) AS n FROM counter_views').get()).toEqual({ n: 0 });
    expect(file.prepare('SELECT COUNT(*) AS n FROM events WHERE stream_id = ?').get(id)).toEqual({ n: 31 });
    file.close();

    const restarted = await spawnApp({ DATABASE_URL: db.url });
    try {
      const view = await fetch(`${restarted.url}/counters/${id}?minPosition=${last.position}`).then((r) => r.json());
      expect(view).toMatchObject({ id, value: last.value, version: 31 });
      expect(last.value).toBe(25 * 2 - 5 * 2);
      const states = (await fetch(`${restarted.url}/projections`).then((r) => r.json())) as { name: string; position: number }[];
      expect(states.find((s) => s.name === 'counter_views')!.position).toBe(last.position);
    } finally {
      await restarted.stop();
    }
  });
});
