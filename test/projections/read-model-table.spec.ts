import type { EntityManager } from 'typeorm';
import { CounterView } from '../../src/counters/projections/counter-view.entity';
import { ReadModelTable } from '../../src/event-sourcing';
import { AccountTransaction } from '../../src/ledger/projections/account-transaction.entity';
import { describeOn, StoreFixture, storeBackends } from '../support/store-backends';

const counterViews = new ReadModelTable(CounterView);
const transactions = new ReadModelTable(AccountTransaction);

const view = (id: string, value: number, name = `counter ${id}`): CounterView => ({
  id,
  name,
  value,
  version: value + 1,
  createdPosition: 2 ** 40 + value, // past 32 bits: a BIGINT read back as a number
  updatedAt: '2026-11-30T20:00:00.000Z',
});

const movement = (position: number, transferId: string | null): AccountTransaction => ({
  position,
  accountId: 'acc-1',
  kind: 'transfer-in',
  amount: 100,
  balanceAfter: 100 * position,
  transferId,
  reference: null,
  occurredAt: '2026-11-30T20:00:00.000Z',
});

storeBackends.forEach((backend) =>
  describeOn(backend, 'ReadModelTable', () => {
    let fixture: StoreFixture;
    const inTransaction = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => fixture.dataSource.transaction(work);

    beforeAll(async () => {
      fixture = await backend.open([CounterView, AccountTransaction]);
    });
    afterAll(() => fixture.close());
    beforeEach(async () => {
      await counterViews.in(fixture.dataSource.manager).clear();
      await transactions.in(fixture.dataSource.manager).clear();
    });

    it('reads back what it upserted, under the entity column names, values as the entity holds them', async () => {
      const rows = [view('a', 1), view('b', 2, `it's "quoted", \\ and ünïcode 🎉`)];
      await inTransaction(async (manager) => counterViews.in(manager).upsert(rows));

      const found = await inTransaction(async (manager) => counterViews.in(manager).getMany(['a', 'b', 'missing', 'a']));
      expect(found).toEqual(new Map([['a', rows[0]], ['b', rows[1]]]));
      expect(await fixture.dataSource.manager.findBy(CounterView, {})).toEqual(expect.arrayContaining(rows));
    });

    it('replaces every column of an existing row on upsert, and leaves the others', async () => {
      await counterViews.in(fixture.dataSource.manager).upsert([view('a', 1), view('b', 2)]);
      await inTransaction(async (manager) => counterViews.in(manager).upsert([view('a', 7, 'renamed')]));
      const found = await counterViews.in(fixture.dataSource.manager).getMany(['a', 'b']);
      expect([...found.values()]).toEqual(expect.arrayContaining([view('a', 7, 'renamed'), view('b', 2)]));
    });

    it('deletes by key and clears, and does nothing for no rows or keys', async () => {
      const views = counterViews.in(fixture.dataSource.manager);
      await views.upsert([view('a', 1), view('b', 2), view('c', 3)]);
      await views.upsert([]);
      await views.delete([]);
      await views.delete(['b']);
      expect([...(await views.getMany(['a', 'b', 'c'])).keys()].sort()).toEqual(['a', 'c']);
      await views.clear();
      expect((await views.getMany(['a', 'c'])).size).toBe(0);
    });

    it('writes in the transaction it is bound to: a rollback leaves no row', async () => {
      const failure = inTransaction(async (manager) => {
        await counterViews.in(manager).upsert([view('a', 1)]);
        throw new Error('the batch failed');
      });
      await expect(failure).rejects.toThrow('the batch failed');
      expect((await counterViews.in(fixture.dataSource.manager).getMany(['a'])).size).toBe(0);
    });

    it('inserts with nullable columns and numeric keys, and fails the call on a unique index', async () => {
      await inTransaction(async (manager) => transactions.in(manager).insert([movement(1, 't-1'), movement(2, null)]));
      const found = await transactions.in(fixture.dataSource.manager).getMany([1, 2]);
      expect(found).toEqual(new Map([[1, movement(1, 't-1')], [2, movement(2, null)]]));

      // (account, kind, transfer) is unique: a second movement of one kind for one transfer is refused.
      const duplicate = inTransaction(async (manager) => transactions.in(manager).insert([movement(3, 't-1')]));
      // By message, not toThrow(): better-sqlite3's native side keeps the SqliteError class of the first
      // test file that loaded it, which is not an Error of this file's realm.
      await expect(duplicate).rejects.toHaveProperty('message', expect.stringMatching(/UNIQUE constraint failed|duplicate key value/));
      expect((await transactions.in(fixture.dataSource.manager).getMany([3])).size).toBe(0);
    });
  }),
);
