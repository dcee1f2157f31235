import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { ConcurrencyError } from '../../src/event-sourcing';
import { APPEND_LOCK, CHRONICLE_LOCK_SPACE } from '../../src/event-sourcing/store/postgres-advisory-locks';
import { describeOn, postgresBackend, StoreFixture } from '../support/store-backends';
import { waitUntil } from '../support/wait-until';
import { newEvent } from './event-store.contract';

describeOn(postgresBackend, 'Appends queued together', () => {
  let fixture: StoreFixture;

  beforeAll(async () => {
    fixture = await postgresBackend.open();
  });
  afterAll(async () => fixture?.close());

  it('share commits, yet each is checked against its stream on its own', async () => {
    const contested = randomUUID();
    await fixture.store.appendToStream(contested, 'Thing', [newEvent('A')], 'no-stream');
    const fresh = Array.from({ length: 40 }, () => randomUUID());
    const outcomes = await Promise.allSettled([
      ...fresh.map((id) => fixture.store.appendToStream(id, 'Thing', [newEvent('New'), newEvent('Next')], 'no-stream')),
      ...[1, 2, 3, 4, 5].map(() => fixture.store.appendToStream(contested, 'Thing', [newEvent('B')], 1)),
    ]);

    expect(outcomes.slice(0, 40).every((o) => o.status === 'fulfilled')).toBe(true);
    const contestedOutcomes = outcomes.slice(40);
    expect(contestedOutcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of contestedOutcomes.filter((o) => o.status === 'rejected')) {
      expect((o as PromiseRejectedResult).reason).toEqual(expect.objectContaining({ name: 'ConcurrencyError', actual: 2 }));
    }
    expect((await fixture.store.readStream(contested)).map((e) => e.version)).toEqual([1, 2]);
    for (const id of fresh) expect((await fixture.store.readStream(id)).map((e) => e.version)).toEqual([1, 2]);

    // xmin is the id of the transaction that wrote a row: fewer transactions than appends.
    const [{ commits }] = await fixture.dataSource.query('SELECT count(DISTINCT xmin::text)::int AS commits FROM events WHERE stream_id = ANY($1)', [fresh]);
    expect(commits).toBeLessThan(fresh.length);
  });

  it('fails an append the database refuses without failing the appends that shared its commit', async () => {
    const good = Array.from({ length: 5 }, () => randomUUID());
    const outcomes = await Promise.allSettled([
      ...good.map((id) => fixture.store.appendToStream(id, 'Thing', [newEvent('Fine')], 'no-stream')),
      // jsonb refuses the NUL character
      fixture.store.appendToStream(randomUUID(), 'Thing', [newEvent('Bad', { text: 'a\u0000b' })], 'no-stream'),
      ...good.map((id) => fixture.store.appendToStream(id, 'Thing', [newEvent('Again')], 1)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([...Array(5).fill('fulfilled'), 'rejected', ...Array(5).fill('fulfilled')]);
    expect((outcomes[5] as PromiseRejectedResult).reason).not.toBeInstanceOf(ConcurrencyError);
    for (const id of good) expect((await fixture.store.readStream(id)).map((e) => e.type)).toEqual(['Fine', 'Again']);
  });

  describe('through chronicle_append, while another session holds the append lock', () => {
    let holder: QueryRunner;

    beforeEach(async () => {
      holder = fixture.dataSource.createQueryRunner();
      await holder.query('SELECT pg_advisory_lock($1, $2)', [CHRONICLE_LOCK_SPACE, APPEND_LOCK]);
    });
    afterEach(async () => {
      await holder.query('SELECT pg_advisory_unlock_all()');
      await holder.release();
    });

    /** The pid of the backend whose append waits for the lock, once it does. */
    const waitingAppend = () =>
      waitUntil(async () => {
        const rows: { pid: number }[] = await fixture.dataSource.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%chronicle_append(%'`,
        );
        return rows[0]?.pid;
      }, 'an append waiting for the lock');

    it('carries the versions an append writes to the next append to the same stream in the group, and refuses only the stale one', async () => {
      const first = fixture.store.appendToStream(randomUUID(), 'Thing', [newEvent('Alone')], 'no-stream');
      await waitingAppend();
      const id = randomUUID();
      const group = Promise.allSettled([
        fixture.store.appendToStream(id, 'Thing', [newEvent('A'), newEvent('B')], 'no-stream'),
        fixture.store.appendToStream(id, 'Thing', [newEvent('C')], 2),
        fixture.store.appendToStream(id, 'Thing', [newEvent('Stale')], 2),
        fixture.store.appendToStream(id, 'Thing', [newEvent('D')], 'any'),
      ]);
      await holder.query('SELECT pg_advisory_unlock($1, $2)', [CHRONICLE_LOCK_SPACE, APPEND_LOCK]);
      await first;
      const outcomes = await group;

      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[2] as PromiseRejectedResult).reason).toEqual(expect.objectContaining({ name: 'ConcurrencyError', actual: 3 }));
      const results = outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value);
      expect(results.map((r) => r.nextVersion)).toEqual([2, 3, 4]);
      const stored = await fixture.store.readStream(id);
      expect(stored.map((e) => [e.type, e.version])).toEqual([['A', 1], ['B', 2], ['C', 3], ['D', 4]]);
      // Each caller is told the positions its own events got.
      expect(results.flatMap((r) => r.events.map((e) => e.position))).toEqual(stored.map((e) => e.position));
      const [{ commits }] = await fixture.dataSource.query('SELECT count(DISTINCT xmin::text)::int AS commits FROM events WHERE stream_id = $1', [id]);
      expect(commits).toBe(1);
    });

    it('fails an append whose session is ended mid-statement, writing nothing, and the appends queued behind it still commit', async () => {
      const lost = randomUUID();
      const first = fixture.store.appendToStream(lost, 'Thing', [newEvent('Lost')], 'no-stream');
      const pid = await waitingAppend();
      const queued = Array.from({ length: 3 }, () => randomUUID());
      const behind = Promise.all(queued.map((id) => fixture.store.appendToStream(id, 'Thing', [newEvent('Kept')], 'no-stream')));
      await fixture.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);

      await expect(first).rejects.toMatchObject({ code: '57P01' });
      await holder.query('SELECT pg_advisory_unlock($1, $2)', [CHRONICLE_LOCK_SPACE, APPEND_LOCK]);
      expect((await behind).map((r) => r.nextVersion)).toEqual([1, 1, 1]);
      expect(await fixture.store.readStream(lost)).toEqual([]);
    });
  });
});
