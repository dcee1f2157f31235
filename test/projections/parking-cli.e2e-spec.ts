import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NewEvent } from '../../src/event-sourcing';
import { compiled } from '../support/compiled-build';
import { openStore } from '../support/store-backends';
import { tempSqliteUrl } from '../support/temp-database';

const root = join(__dirname, '..', '..');
const run = promisify(execFile);

function event(type: string, schemaVersion: number, data: Record<string, unknown>): NewEvent {
  return { type, schemaVersion, data, metadata: { eventId: randomUUID(), correlationId: 'cli', causationId: 'cli' }, occurredAt: new Date() };
}

/** `npm run projections -- <args>` (the compiled CLI) on the database, as an operator runs it while the service is stopped. */
async function projectionsCli(databaseUrl: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [compiled('cli/projections.cli.js'), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' },
  });
  return stdout;
}

// Issue 11: the operator's way past a poison event from the command line.
describe('npm run projections -- park / parked', () => {
  const temp = tempSqliteUrl();
  afterAll(() => temp.cleanup());

  it('parks the event counter_views holds at, lists it, and the projection moves past it', async () => {
    const seeded = await openStore(temp.url, () => undefined);
    // An increment of a counter never created: counter_views cannot apply it, whatever the retries.
    const orphan = (await seeded.store.appendToStream('orphan', 'Counter', [event('CounterIncremented', 2, { counterId: 'orphan', by: 1 })], 'no-stream')).lastPosition;
    const id = randomUUID();
    await seeded.store.appendToStream(id, 'Counter', [event('CounterCreated', 1, { counterId: id, name: 'after' })], 'no-stream');
    await seeded.close();

    // Booting the app (as every command but `status` does) runs the projection: it meets the event and holds there.
    await projectionsCli(temp.url, 'parked', 'counter_views');
    const checkpoint = () => {
      const db = new Database(temp.file, { readonly: true });
      try {
        return db.prepare("SELECT position, status FROM projection_checkpoints WHERE name = 'counter_views'").get() as { position: number; status: string };
      } finally {
        db.close();
      }
    };
    expect(checkpoint()).toEqual({ position: orphan - 1, status: 'failing' });

    const parked = await projectionsCli(temp.url, 'park', 'counter_views', '--position', String(orphan));
    expect(parked).toMatch(new RegExp(`counter_views.*${orphan}.*CounterIncremented`));
    const listed = await projectionsCli(temp.url, 'parked', 'counter_views');
    expect(listed).toMatch(/CounterIncremented at position \d+: the projection handler threw an error/);
    expect(checkpoint().position).toBeGreaterThanOrEqual(orphan);
    expect(checkpoint().status).not.toBe('failing');
  });
});
