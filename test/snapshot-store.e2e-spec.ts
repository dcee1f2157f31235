import { SnapshotRecord } from '../src/event-sourcing/snapshots/snapshot.entity';
import { SnapshotStore, TypeOrmSnapshotStore } from '../src/event-sourcing/snapshots/snapshot-store';
import { SqliteWriteLock } from '../src/event-sourcing/store/sqlite-write-lock';
import { PooledTransactionRunner, SqliteTransactionRunner } from '../src/event-sourcing/store/transaction-runner';
import { describeOn, StoreFixture, storeBackends } from './support/store-backends';

for (const backend of storeBackends) {
  describeOn(backend, 'SnapshotStore', () => {
    let fixture: StoreFixture;
    let snapshots: SnapshotStore;
    const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));
    const versionOf = async (...args: Parameters<SnapshotStore['latest']>) => (await snapshots.latest(...args))?.version ?? null;

    beforeAll(async () => {
      fixture = await backend.open([SnapshotRecord]);
      const { dataSource } = fixture;
      const transactions =
        dataSource.options.type === 'better-sqlite3' ? new SqliteTransactionRunner(dataSource, new SqliteWriteLock()) : new PooledTransactionRunner(dataSource);
      snapshots = new TypeOrmSnapshotStore(dataSource.getRepository(SnapshotRecord), transactions);
      for (const version of [100, 200, 300]) {
        await snapshots.save({ streamId: 's-1', version, schemaVersion: 1, state: { value: version, tags: ['a'] }, occurredAt: t(version / 100) });
      }
    });
    afterAll(() => fixture.close());

    it('finds the newest snapshot, with its state and event time', async () => {
      expect(await snapshots.latest('s-1', 1)).toEqual({ streamId: 's-1', version: 300, schemaVersion: 1, state: { value: 300, tags: ['a'] }, occurredAt: t(3) });
    });

    it('finds only snapshots at or before a version, or a time', async () => {
      expect(await versionOf('s-1', 1, { version: 250 })).toBe(200);
      expect(await versionOf('s-1', 1, { version: 200 })).toBe(200);
      expect(await versionOf('s-1', 1, { version: 99 })).toBeNull();
      expect(await versionOf('s-1', 1, { at: new Date(t(2).getTime() + 30_000) })).toBe(200);
      expect(await versionOf('s-1', 1, { at: t(1) })).toBe(100);
      expect(await versionOf('s-1', 1, { at: t(0) })).toBeNull();
    });

    it('finds nothing of another schema version, and a new schema version replaces the stale ones', async () => {
      expect(await versionOf('s-1', 2)).toBeNull();
      await snapshots.save({ streamId: 's-1', version: 301, schemaVersion: 2, state: { total: 1 }, occurredAt: t(4) });
      expect(await versionOf('s-1', 1)).toBeNull();
      expect(await versionOf('s-1', 2)).toBe(301);
      expect(await fixture.dataSource.getRepository(SnapshotRecord).countBy({ streamId: 's-1' })).toBe(1);
    });
  });
}
