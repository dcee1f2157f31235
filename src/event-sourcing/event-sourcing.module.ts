import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { AggregateRepositoryDeps } from './aggregates/aggregate-repository';
import { StreamLocks } from './aggregates/stream-locks';
import { ProjectionCheckpoint } from './projections/projection-checkpoint.entity';
import { ProjectionRunner } from './projections/projection-runner';
import { EventRegistry } from './serialization/event-registry';
import { SnapshotRecord } from './snapshots/snapshot.entity';
import { SnapshotStore } from './snapshots/snapshot-store';
import { EventStore } from './store/event-store';
import { SqliteEventStore } from './store/sqlite-event-store';
import { SqliteWriteLock } from './store/sqlite-write-lock';
import { PooledTransactionRunner, SqliteTransactionRunner, TransactionRunner } from './store/transaction-runner';

function isSqlite(dataSource: DataSource): boolean {
  return dataSource.options.type === 'better-sqlite3';
}

function createEventStore(dataSource: DataSource, writeLock: SqliteWriteLock): EventStore {
  if (!isSqlite(dataSource)) throw new Error(`No event store for database type '${dataSource.options.type}' yet`);
  const db = (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  return new SqliteEventStore(db, writeLock);
}

function createTransactionRunner(dataSource: DataSource, writeLock: SqliteWriteLock): TransactionRunner {
  return isSqlite(dataSource) ? new SqliteTransactionRunner(dataSource, writeLock) : new PooledTransactionRunner(dataSource);
}

/**
 * The event-sourcing core: event store, registry, aggregate repositories' dependencies and the
 * projection runner. Imported once (by the app module); domain modules add their event classes
 * with the `registerEvents(...)` provider.
 */
@Global()
@Module({
  imports: [CqrsModule.forRoot(), DiscoveryModule, TypeOrmModule.forFeature([ProjectionCheckpoint, SnapshotRecord])],
  providers: [
    SqliteWriteLock,
    { provide: EventStore, useFactory: createEventStore, inject: [DataSource, SqliteWriteLock] },
    { provide: TransactionRunner, useFactory: createTransactionRunner, inject: [DataSource, SqliteWriteLock] },
    EventRegistry,
    StreamLocks,
    SnapshotStore,
    AggregateRepositoryDeps,
    ProjectionRunner,
  ],
  exports: [EventStore, TransactionRunner, EventRegistry, SnapshotStore, AggregateRepositoryDeps, ProjectionRunner],
})
export class EventSourcingModule {}
