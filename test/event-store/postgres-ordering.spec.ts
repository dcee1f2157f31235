import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import type { StoredEvent } from '../../src/event-sourcing';
import { describeOn, openStore, postgresBackend, StoreFixture } from '../support/store-backends';
import { waitUntil } from '../support/wait-until';
import { newEvent } from './event-store.contract';

// A test-only trigger parks an append of a 'Slow' event after it has drawn its position, until
// the test releases this advisory lock: a real store append held open mid-transaction.
const GATE = 424242;

describeOn(postgresBackend, 'Global order with a slow writer', () => {
  let fixture: StoreFixture;
  let gate: Client;

  beforeAll(async () => {
    fixture = await postgresBackend.open();
    await fixture.dataSource.query(`
      CREATE FUNCTION test_gate() RETURNS trigger AS $$
      BEGIN
        IF NEW.type = 'Slow' THEN
          PERFORM pg_advisory_lock_shared(${GATE});
          PERFORM pg_advisory_unlock_shared(${GATE});
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await fixture.dataSource.query('CREATE TRIGGER test_gate BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION test_gate()');
    gate = new Client({ connectionString: (fixture.dataSource.options as { url: string }).url });
    await gate.connect();
  });
  afterAll(async () => {
    await gate?.end();
    await fixture?.close();
  });

  /** Follows the log like a projection: from its checkpoint, in position order, recording what it saw. */
  function follow() {
    const seen: StoredEvent[] = [];
    let checkpoint = 0;
    let running = true;
    const loop = (async () => {
      while (running) {
        const batch = await fixture.store.readAll({ after: checkpoint, limit: 100 });
        seen.push(...batch);
        checkpoint = batch.at(-1)?.position ?? checkpoint;
        await sleep(5);
      }
    })();
    return {
      seen,
      checkpoint: () => checkpoint,
      stop: async () => {
        running = false;
        await loop;
      },
    };
  }

  it('never lets a reader pass an event still being written, and skips or repeats none after it commits', async () => {
    await fixture.store.appendToStream(randomUUID(), 'Thing', [newEvent('Before')], 'no-stream');
    const reader = follow();

    await gate.query('SELECT pg_advisory_lock($1)', [GATE]);
    const slow = fixture.store.appendToStream(randomUUID(), 'Thing', [newEvent('Slow')], 'no-stream');
    await waitForParkedAppend();
    const slowPosition = Number((await gate.query("SELECT last_value FROM events_position_seq")).rows[0].last_value);

    // Later writers, from a second pool as another instance would be, try to commit meanwhile.
    const other = await openStore((fixture.dataSource.options as { url: string }).url, () => undefined);
    const later = [1, 2, 3].map((i) => other.store.appendToStream(randomUUID(), 'Thing', [newEvent('Later', { i })], 'no-stream'));
    await sleep(300);
    expect(reader.checkpoint()).toBeLessThan(slowPosition);
    expect(await fixture.store.headPosition()).toBeLessThan(slowPosition);
    expect(reader.seen.map((e) => e.type)).toEqual(['Before']);

    await gate.query('SELECT pg_advisory_unlock($1)', [GATE]);
    const committed = [await slow, ...(await Promise.all(later))];
    const lastPosition = Math.max(...committed.map((r) => r.lastPosition));
    await waitUntil(async () => reader.checkpoint() >= lastPosition, 'the reader to reach the last append');
    await reader.stop();
    await other.close();

    const inDatabase = await fixture.store.readAll({ after: 0, limit: 1000 });
    expect(reader.seen.map((e) => e.position)).toEqual(inDatabase.map((e) => e.position));
    expect(reader.seen.map((e) => e.type)).toEqual(['Before', 'Slow', 'Later', 'Later', 'Later']);
    expect(committed[0].lastPosition).toBe(slowPosition);
  });

  it('keeps versions gap-free and unique when two pools append to one stream at once', async () => {
    const other = await openStore((fixture.dataSource.options as { url: string }).url, () => undefined);
    const id = randomUUID();
    await fixture.store.appendToStream(id, 'Thing', [newEvent('A')], 'no-stream');
    const stores = [fixture.store, other.store];
    // Everyone expects version 1: exactly one wins; 'any' appends all land, each on its own version.
    const expecting = await Promise.allSettled(stores.flatMap((s) => [1, 2, 3].map(() => s.appendToStream(id, 'Thing', [newEvent('E'), newEvent('E')], 1))));
    await Promise.all(stores.flatMap((s) => [1, 2, 3].map(() => s.appendToStream(id, 'Thing', [newEvent('Any')], 'any'))));
    await other.close();
    expect(expecting.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(expecting.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.name)).toEqual(Array(5).fill('ConcurrencyError'));
    expect((await fixture.store.readStream(id)).map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  async function waitForParkedAppend(): Promise<void> {
    await waitUntil(async () => {
      const { rows } = await gate.query('SELECT 1 FROM pg_locks WHERE locktype = $1 AND objid = $2 AND NOT granted', ['advisory', GATE]);
      return rows.length > 0;
    }, 'the slow append to park');
  }
});
