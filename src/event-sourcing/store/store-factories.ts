import type BetterSqlite3 from 'better-sqlite3';
import type { ClientConfig, Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { PostgresProcessedCommands } from '../idempotency/postgres-processed-commands';
import { ProcessedCommands } from '../idempotency/processed-commands';
import { SqliteProcessedCommands } from '../idempotency/sqlite-processed-commands';
import { EventStore } from './event-store';
import { PostgresEventStore } from './postgres-event-store';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteWriteLock } from './sqlite-write-lock';
import { PooledTransactionRunner, SqliteTransactionRunner, TransactionRunner } from './transaction-runner';

export function isSqlite(dataSource: DataSource): boolean {
  return dataSource.options.type === 'better-sqlite3';
}

/** The pg pool TypeORM opened, so the store and TypeORM share one pool size and statement timeout. */
export function postgresPool(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

/** Settings for a dedicated connection beside the pool (ownership, notifications): same server, same limits. */
export function postgresClientConfig(dataSource: DataSource): ClientConfig {
  const { url, extra } = dataSource.options as { url?: string; extra?: ClientConfig };
  return { ...extra, connectionString: url };
}

function sqliteConnection(dataSource: DataSource): BetterSqlite3.Database {
  if (!isSqlite(dataSource)) throw new Error(`No event store for database type '${dataSource.options.type}'`);
  return (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
}

/**
 * The event store for whatever database the DataSource points at. It records idempotent commands
 * through `processed` (by default its own), which must be on the same database.
 */
export function createEventStore(dataSource: DataSource, writeLock: SqliteWriteLock, processed = createProcessedCommands(dataSource, writeLock)): EventStore {
  if (dataSource.options.type === 'postgres') return new PostgresEventStore(postgresPool(dataSource), postgresClientConfig(dataSource));
  return new SqliteEventStore(sqliteConnection(dataSource), writeLock, processed as SqliteProcessedCommands);
}

/** The `processed_commands` records for whatever database the DataSource points at. */
export function createProcessedCommands(dataSource: DataSource, writeLock: SqliteWriteLock): ProcessedCommands {
  if (dataSource.options.type === 'postgres') return new PostgresProcessedCommands(postgresPool(dataSource));
  return new SqliteProcessedCommands(sqliteConnection(dataSource), writeLock);
}

export function createTransactionRunner(dataSource: DataSource, writeLock: SqliteWriteLock): TransactionRunner {
  return isSqlite(dataSource) ? new SqliteTransactionRunner(dataSource, writeLock) : new PooledTransactionRunner(dataSource);
}
