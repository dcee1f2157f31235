import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { spawnApp } from './support/child-app';
import { compiled } from './support/compiled-build';
import { tempSqliteUrl } from './support/temp-database';

interface Checkpoint {
  position: number;
  status: string;
}

describe('The projections CLI, run from the compiled build', () => {
  const db = tempSqliteUrl();
  let cli: string;
  let head: number;

  function run(...args: string[]) {
    const result = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 120_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }
  function checkpoint(): Checkpoint {
    const file = new Database(db.file, { readonly: true });
    try {
      return file.prepare("SELECT position, status FROM projection_checkpoints WHERE name = 'counter_views'").get() as Checkpoint;
    } finally {
      file.close();
    }
  }
  async function post(url: string, body: object = {}) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await response.json()) as { id: string; position: number };
  }

  beforeAll(async () => {
    cli = compiled('cli/projections.cli.js');
    const service = await spawnApp({ DATABASE_URL: db.url });
    try {
      const { id } = await post(`${service.url}/counters`, { name: 'cli' });
      for (let i = 0; i < 5; i++) head = (await post(`${service.url}/counters/${id}/increment`, { by: 2 })).position;
      await fetch(`${service.url}/counters/${id}?minPosition=${head}`);
    } catch (error) {
      throw new Error(`seeding through the service failed: ${String(error)}; the service printed:\n${service.output()}`, { cause: error });
    } finally {
      await service.stop();
    }
  }, 120_000);
  afterAll(() => db.cleanup());

  it('prints the stored checkpoint against the head of the log, and starts no projection', () => {
    const file = new Database(db.file);
    file.prepare("UPDATE projection_checkpoints SET position = 2 WHERE name = 'counter_views'").run();
    file.close();

    const { status, output } = run('status');
    expect(status).toBe(0);
    expect(output).toMatch(new RegExp(`counter_views'?\\s*│\\s*2\\s*│\\s*${head}\\s*│\\s*${head - 2}\\s*│\\s*'running'`));
    expect(checkpoint().position).toBe(2); // a status that ran the projections would have caught up
  });

  it('refuses to rebuild while the service holds the SQLite database, naming the way that works', async () => {
    const service = await spawnApp({ DATABASE_URL: db.url });
    try {
      const { status, output } = run('rebuild', 'counter_views');
      expect(status).toBe(1);
      expect(output).toContain(`Another process holds ${db.file} for writing`);
      expect(output).toContain('POST /projections/<name>/rebuild');
    } finally {
      await service.stop();
    }
  }, 120_000);

  it('rebuilds the read model once the service has stopped, up to the head of the log', () => {
    const file = new Database(db.file);
    file.prepare('UPDATE counter_views SET value = -1').run();
    file.close();

    const { status, output } = run('rebuild', 'counter_views');
    expect([status, output]).toEqual([0, expect.stringContaining(`counter_views: rebuilt up to position ${head}`)]);
    // (On SQLite the stored status says 'rebuilding' until the next event: the worker stores the switch to 'running' only on PostgreSQL.)
    expect(checkpoint().position).toBe(head);
    const rebuilt = new Database(db.file, { readonly: true });
    expect(rebuilt.prepare('SELECT value FROM counter_views').all()).toEqual([{ value: 10 }]);
    rebuilt.close();
  }, 120_000);

  it('names the projections it knows when asked for an unknown one', () => {
    const { status, output } = run('rebuild', 'nope');
    expect(status).toBe(1);
    expect(output).toContain("no projection is named 'nope'; known: counter_views");
  }, 120_000);
});
