import type { DataSource } from 'typeorm';
import { validateEnvironment } from '../../src/config/environment';
import { initializeDataSource } from '../../src/event-sourcing';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import type { PostgresEventStore } from '../../src/event-sourcing/store/postgres-event-store';
import { SqliteWriteLock } from '../../src/event-sourcing/store/sqlite-write-lock';
import { createEventStore } from '../../src/event-sourcing/store/store-factories';
import { ourStore } from './our-store';
import type { StoreUnderTest } from './workloads';

/** The DataSource the app opens on this database: validated settings, production options, migrations run. */
export function openPostgresDataSource(url: string): Promise<DataSource> {
  return initializeDataSource(typeOrmOptions(validateEnvironment({ DATABASE_URL: url })));
}

/** Our PostgresEventStore, built the way the app builds it. */
export async function openOurPostgresStore(url: string): Promise<StoreUnderTest> {
  const dataSource = await openPostgresDataSource(url);
  const store = createEventStore(dataSource, new SqliteWriteLock()) as PostgresEventStore;
  return ourStore(store, async () => {
    await store.onApplicationShutdown();
    await dataSource.destroy();
  });
}
