import { DataSource } from 'typeorm';
import { validateEnvironment } from '../src/config/environment';
import { typeOrmOptions } from '../src/database/typeorm-options';
import { SnapshotRecord } from '../src/event-sourcing/snapshots/snapshot.entity';
import { SnapshotStore } from '../src/event-sourcing/snapshots/snapshot-store';
import { SqliteWriteLock } from '../src/event-sourcing/store/sqlite-write-lock';
import { PooledTransactionRunner, SqliteTransactionRunner } from '../src/event-sourcing/store/transaction-runner';
import { tempSqliteUrl } from './support/temp-database';
import { tempPostgresDatabase } from './support/temp-postgres';

interface Backend {
  url: string;
  cleanup: () => Promise<void>;
}

const backends: [string, () => Promise<Backend | null>][] = [
  [
    'SQLite',
    async () => {
      const temp = tempSqliteUrl();
      return { url: temp.url, cleanup: async () => temp.cleanup() };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const db = await tempPostgresDatabase();
      return db && { url: db.url, cleanup: db.drop };
    },
  ],
];

describe.each(backends)('SnapshotStore on %s', (_name, open) => {
  let backend: Backend | null;
  let dataSource: DataSource;
  let snapshots: SnapshotStore;
  const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));

  beforeAll(async () => {
    backend = await open();
    if (!backend) return;
    const env = validateEnvironment({ DATABASE_URL: backend.url });
    dataSource = await new DataSource({ ...typeOrmOptions(env), entities: [SnapshotRecord] }).initialize();
    const transactions = dataSource.options.type === 'postgres' ? new PooledTransactionRunner(dataSource) : new SqliteTransactionRunner(dataSource, new SqliteWriteLock());
    snapshots = new SnapshotStore(dataSource.getRepository(SnapshotRecord), transactions);
    for (const version of [100, 200, 300]) {
      await snapshots.save({ streamId: 's-1', version, schemaVersion: 1, state: { value: version, tags: ['a'] }, occurredAt: t(version / 100) });
    }
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await backend?.cleanup();
  });

  const versionOf = async (...args: Parameters<SnapshotStore['latest']>) => (await snapshots.latest(...args))?.version ?? null;

  it('finds the newest snapshot, with its state and event time', async () => {
    if (!backend) return;
    expect(await snapshots.latest('s-1', 1)).toEqual({ streamId: 's-1', version: 300, schemaVersion: 1, state: { value: 300, tags: ['a'] }, occurredAt: t(3) });
  });

  it('finds only snapshots at or before a version, or a time', async () => {
    if (!backend) return;
    expect(await versionOf('s-1', 1, { version: 250 })).toBe(200);
    expect(await versionOf('s-1', 1, { version: 200 })).toBe(200);
    expect(await versionOf('s-1', 1, { version: 99 })).toBeNull();
    expect(await versionOf('s-1', 1, { at: new Date(t(2).getTime() + 30_000) })).toBe(200);
    expect(await versionOf('s-1', 1, { at: t(1) })).toBe(100);
    expect(await versionOf('s-1', 1, { at: t(0) })).toBeNull();
  });

  it('finds nothing of another schema version, and a new schema version replaces the stale ones', async () => {
    if (!backend) return;
    expect(await versionOf('s-1', 2)).toBeNull();
    await snapshots.save({ streamId: 's-1', version: 301, schemaVersion: 2, state: { total: 1 }, occurredAt: t(4) });
    expect(await versionOf('s-1', 1)).toBeNull();
    expect(await versionOf('s-1', 2)).toBe(301);
    expect(await dataSource.getRepository(SnapshotRecord).countBy({ streamId: 's-1' })).toBe(1);
  });
});
