import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { EventStore } from './event-store';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteWriteLock } from './sqlite-write-lock';
import { PooledTransactionRunner, SqliteTransactionRunner, TransactionRunner } from './transaction-runner';

export function isSqlite(dataSource: DataSource): boolean {
  return dataSource.options.type === 'better-sqlite3';
}

/** The event store for whatever database the DataSource points at. */
export function createEventStore(dataSource: DataSource, writeLock: SqliteWriteLock): EventStore {
  if (!isSqlite(dataSource)) throw new Error(`No event store for database type '${dataSource.options.type}' yet`);
  const db = (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  return new SqliteEventStore(db, writeLock);
}

export function createTransactionRunner(dataSource: DataSource, writeLock: SqliteWriteLock): TransactionRunner {
  return isSqlite(dataSource) ? new SqliteTransactionRunner(dataSource, writeLock) : new PooledTransactionRunner(dataSource);
}
