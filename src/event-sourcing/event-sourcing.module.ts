import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AggregateRepositoryDeps } from './aggregates/aggregate-repository';
import { StreamLocks } from './aggregates/stream-locks';
import { IdempotentCommands } from './idempotency/idempotent-commands';
import { ProcessedCommands } from './idempotency/processed-commands';
import { ProcessedCommandsPurge } from './idempotency/processed-commands-purge';
import { ParkedEvent } from './projections/parked-event.entity';
import { ProjectionCheckpoint } from './projections/projection-checkpoint.entity';
import { ProjectionLease } from './projections/projection-lease';
import { createProjectionLease } from './projections/projection-lease-factory';
import { ProjectionRunner } from './projections/projection-runner';
import { EventRegistry } from './serialization/event-registry';
import { SnapshotRecord } from './snapshots/snapshot.entity';
import { SnapshotStore, TypeOrmSnapshotStore } from './snapshots/snapshot-store';
import { EventStore } from './store/event-store';
import { createEventStore, createProcessedCommands, createTransactionRunner } from './store/store-factories';
import { SqliteWriteLock } from './store/sqlite-write-lock';
import { StorageFaults } from './store/storage-faults';
import { TransactionRunner } from './store/transaction-runner';
import {
  DEFAULT_EVENT_SOURCING_OPTIONS,
  EVENT_SOURCING_OPTIONS,
  EventSourcingAsyncOptions,
  EventSourcingOptions,
} from './event-sourcing.options';

/**
 * The event-sourcing core: event store, registry, aggregate repositories' dependencies and the
 * projection runner. Imported once, by the app module, with `forRoot(options)` or
 * `forRootAsync({ useFactory, inject })`; domain modules add their event classes with the
 * `registerEvents(...)` provider.
 */
@Global()
@Module({
  imports: [CqrsModule.forRoot(), DiscoveryModule, TypeOrmModule.forFeature([ProjectionCheckpoint, ParkedEvent, SnapshotRecord])],
  providers: [
    SqliteWriteLock,
    { provide: ProcessedCommands, useFactory: createProcessedCommands, inject: [DataSource, SqliteWriteLock] },
    {
      provide: EventStore,
      useFactory: (dataSource: DataSource, writeLock: SqliteWriteLock, options: EventSourcingOptions, processed: ProcessedCommands) =>
        Object.assign(createEventStore(dataSource, writeLock, processed), { observer: options.observer }),
      inject: [DataSource, SqliteWriteLock, EVENT_SOURCING_OPTIONS, ProcessedCommands],
    },
    IdempotentCommands,
    ProcessedCommandsPurge,
    { provide: TransactionRunner, useFactory: createTransactionRunner, inject: [DataSource, SqliteWriteLock] },
    EventRegistry,
    StreamLocks,
    { provide: SnapshotStore, useClass: TypeOrmSnapshotStore },
    AggregateRepositoryDeps,
    { provide: ProjectionLease, useFactory: createProjectionLease, inject: [DataSource, EVENT_SOURCING_OPTIONS] },
    ProjectionRunner,
    StorageFaults,
  ],
  exports: [
    EventStore,
    TransactionRunner,
    EventRegistry,
    SnapshotStore,
    AggregateRepositoryDeps,
    ProjectionRunner,
    StorageFaults,
    ProcessedCommands,
    IdempotentCommands,
    ProcessedCommandsPurge,
  ],
})
export class EventSourcingModule {
  static forRoot(options: Partial<EventSourcingOptions> = {}): DynamicModule {
    return EventSourcingModule.withOptions({ provide: EVENT_SOURCING_OPTIONS, useValue: withDefaults(options) });
  }

  static forRootAsync(options: EventSourcingAsyncOptions): DynamicModule {
    const provider: Provider = {
      provide: EVENT_SOURCING_OPTIONS,
      useFactory: async (...args: never[]) => withDefaults(await options.useFactory(...args)),
      inject: options.inject ?? [],
    };
    return { ...EventSourcingModule.withOptions(provider), imports: options.imports ?? [] };
  }

  private static withOptions(provider: Provider): DynamicModule {
    return { module: EventSourcingModule, providers: [provider], exports: [EVENT_SOURCING_OPTIONS] };
  }
}

function withDefaults(options: Partial<EventSourcingOptions>): EventSourcingOptions {
  return { ...DEFAULT_EVENT_SOURCING_OPTIONS, ...options };
}
