import { DataSource, DataSourceOptions } from 'typeorm';
import { validateEnvironment } from '../../src/config/environment';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import { EventStore, InMemoryEventStore } from '../../src/event-sourcing';
import { createEventStore } from '../../src/event-sourcing/store/store-factories';
import { SqliteWriteLock } from '../../src/event-sourcing/store/sqlite-write-lock';
import { tempSqliteUrl } from './temp-database';
import { createTempPostgresDatabase, postgresUnavailable } from './temp-postgres';

/** A real database, migrated, with the event store the app would build on it. */
export interface StoreFixture {
  store: EventStore;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** What the event store contract needs of a backend: a store, possibly without any database. */
export interface EventStoreBackend {
  name: string;
  /** Why it cannot run here, or null when it can. Decided synchronously, before tests are declared. */
  unavailable(): string | null;
  open(): Promise<Pick<StoreFixture, 'store' | 'close'>>;
}

export interface StoreBackend extends EventStoreBackend {
  /** A new, empty database of this kind (not migrated yet), for a store or a whole app. */
  createDatabase(): Promise<TestDatabase>;
  /** `entities`: read-model entities a spec writes through the DataSource's manager. */
  open(entities?: DataSourceOptions['entities']): Promise<StoreFixture>;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void> | void;
}

async function openOnNewDatabase(backend: StoreBackend, entities?: DataSourceOptions['entities']): Promise<StoreFixture> {
  const database = await backend.createDatabase();
  try {
    return await openStore(database.url, () => database.drop(), entities);
  } catch (error) {
    await database.drop();
    throw error;
  }
}

export async function openStore(databaseUrl: string, cleanup: () => Promise<void> | void, entities: DataSourceOptions['entities'] = []): Promise<StoreFixture> {
  const env = validateEnvironment({ DATABASE_URL: databaseUrl });
  const dataSource = await new DataSource({ ...typeOrmOptions(env), entities }).initialize();
  const store = createEventStore(dataSource, new SqliteWriteLock());
  return {
    store,
    dataSource,
    close: async () => {
      await (store as { onApplicationShutdown?: () => Promise<void> }).onApplicationShutdown?.();
      await dataSource.destroy();
      await cleanup();
    },
  };
}

export const sqliteBackend: StoreBackend = {
  name: 'SQLite',
  unavailable: () => null,
  createDatabase: async () => {
    const temp = tempSqliteUrl();
    return { url: temp.url, drop: temp.cleanup };
  },
  open: (entities) => openOnNewDatabase(sqliteBackend, entities),
};

let postgresReason: string | null | undefined;

/** A fresh database on the test PostgreSQL server for each `open()`, dropped by `close()`. */
export const postgresBackend: StoreBackend = {
  name: 'PostgreSQL',
  unavailable: () => (postgresReason === undefined ? (postgresReason = postgresUnavailable()) : postgresReason),
  createDatabase: () => createTempPostgresDatabase(),
  open: (entities) => openOnNewDatabase(postgresBackend, entities),
};

/** Every database backend the contract suites run against. */
export const storeBackends: StoreBackend[] = [sqliteBackend, postgresBackend];

/** The core's in-memory store, for unit specs: held to the same contract as the databases. */
export const inMemoryBackend: EventStoreBackend = {
  name: 'memory',
  unavailable: () => null,
  open: async () => ({ store: new InMemoryEventStore(), close: async () => undefined }),
};

/**
 * `describe`, or a skip that says why when the backend is absent here. In CI a missing backend is
 * a failure, never a skip.
 */
export function describeOn(backend: Pick<EventStoreBackend, 'name' | 'unavailable'>, title: string, body: () => void): void {
  const reason = backend.unavailable();
  if (reason && process.env.CI === 'true') throw new Error(`${backend.name} is required in CI: ${reason}`);
  if (reason) console.warn(`Skipping "${title}" on ${backend.name}: ${reason}`);
  (reason ? describe.skip : describe)(`${title} on ${backend.name}`, body);
}
