import { InMemorySnapshotStore } from '../src/event-sourcing';
import { SnapshotRecord } from '../src/event-sourcing/snapshots/snapshot.entity';
import { SnapshotStore, TypeOrmSnapshotStore } from '../src/event-sourcing/snapshots/snapshot-store';
import { SqliteWriteLock } from '../src/event-sourcing/store/sqlite-write-lock';
import { PooledTransactionRunner, SqliteTransactionRunner } from '../src/event-sourcing/store/transaction-runner';
import { describeOn, EventStoreBackend, storeBackends } from './support/store-backends';

interface SnapshotFixture {
  snapshots: SnapshotStore;
  /** How many snapshots of a stream are kept (all schema versions), where they can be counted. */
  kept(streamId: string): Promise<number>;
  close(): Promise<void>;
}

const onDatabases = storeBackends.map((backend) => ({
  ...backend,
  async openSnapshots(): Promise<SnapshotFixture> {
    const fixture = await backend.open([SnapshotRecord]);
    const { dataSource } = fixture;
    const transactions =
      dataSource.options.type === 'better-sqlite3' ? new SqliteTransactionRunner(dataSource, new SqliteWriteLock()) : new PooledTransactionRunner(dataSource);
    const kept = (streamId: string) => dataSource.getRepository(SnapshotRecord).countBy({ streamId });
    return { snapshots: new TypeOrmSnapshotStore(dataSource.getRepository(SnapshotRecord), transactions), kept, close: () => fixture.close() };
  },
}));
const inMemory = {
  name: 'memory',
  unavailable: () => null,
  async openSnapshots(): Promise<SnapshotFixture> {
    const snapshots = new InMemorySnapshotStore();
    // Every version it could hold, of either schema: what is left after a save.
    const kept = async (streamId: string) => {
      const found = await Promise.all([1, 2].flatMap((schema) => [100, 200, 300, 301].map((version) => snapshots.latest(streamId, schema, { version }))));
      return new Set(found.filter((s) => s?.version !== undefined).map((s) => `${s!.schemaVersion}@${s!.version}`)).size;
    };
    return { snapshots, kept, close: async () => undefined };
  },
};

for (const backend of [...onDatabases, inMemory] as (Pick<EventStoreBackend, 'name' | 'unavailable'> & { openSnapshots(): Promise<SnapshotFixture> })[]) {
  describeOn(backend, 'SnapshotStore', () => {
    let fixture: SnapshotFixture;
    let snapshots: SnapshotStore;
    const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));
    const versionOf = async (...args: Parameters<SnapshotStore['latest']>) => (await snapshots.latest(...args))?.version ?? null;

    beforeAll(async () => {
      fixture = await backend.openSnapshots();
      snapshots = fixture.snapshots;
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
      expect(await fixture.kept('s-1')).toBe(1);
    });
  });
}
