import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from '../../src/event-sourcing';
import { describeOn, postgresBackend, StoreFixture } from '../support/store-backends';
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
});
