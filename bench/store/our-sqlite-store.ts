import type { DataSource } from 'typeorm';
import { validateEnvironment } from '../../src/config/environment';
import { initializeDataSource } from '../../src/event-sourcing';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import { SqliteWriteLock } from '../../src/event-sourcing/store/sqlite-write-lock';
import { createEventStore } from '../../src/event-sourcing/store/store-factories';
import { ourStore } from './our-store';
import type { Synchronous } from './raw-sqlite-store';
import type { StoreUnderTest } from './workloads';

/** The DataSource the app opens on this file: validated settings, production options, migrations run. */
export function openSqliteDataSource(file: string, synchronous: Synchronous): Promise<DataSource> {
  const env = validateEnvironment({ DATABASE_URL: `sqlite:${file}`, SQLITE_SYNCHRONOUS: synchronous });
  return initializeDataSource(typeOrmOptions(env));
}

/** Our SqliteEventStore, built the way the app builds it. */
export async function ourSqliteStore(file: string, synchronous: Synchronous): Promise<StoreUnderTest> {
  const dataSource = await openSqliteDataSource(file, synchronous);
  return ourStore(createEventStore(dataSource, new SqliteWriteLock()), () => dataSource.destroy());
}
