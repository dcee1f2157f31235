import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AggregateRepositoryDeps } from '../aggregates/aggregate-repository';
import { StreamLocks } from '../aggregates/stream-locks';
import { DEFAULT_EVENT_SOURCING_OPTIONS, EVENT_SOURCING_OPTIONS, EventSourcingOptions } from '../event-sourcing.options';
import { EventRegistry } from '../serialization/event-registry';
import { InMemorySnapshotStore } from '../snapshots/in-memory-snapshot-store';
import { SnapshotStore } from '../snapshots/snapshot-store';
import { IdempotentCommands } from '../idempotency/idempotent-commands';
import { InMemoryProcessedCommands } from '../idempotency/in-memory-processed-commands';
import { ProcessedCommands } from '../idempotency/processed-commands';
import { EventStore } from '../store/event-store';
import { InMemoryEventStore } from '../store/in-memory-event-store';

/**
 * The write side of the core (event store, snapshots, registry, repositories' dependencies) in
 * memory, with no database, for unit specs of command handlers and repositories. Projections are
 * not part of it: they write read models through the database.
 */
@Module({})
export class InMemoryEventSourcingModule {
  static forRoot(options: Partial<EventSourcingOptions> = {}): DynamicModule {
    const exported = [EventStore, SnapshotStore, EventRegistry, StreamLocks, AggregateRepositoryDeps, EVENT_SOURCING_OPTIONS, ProcessedCommands, IdempotentCommands];
    return {
      module: InMemoryEventSourcingModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: EVENT_SOURCING_OPTIONS, useValue: { ...DEFAULT_EVENT_SOURCING_OPTIONS, ...options } },
        { provide: ProcessedCommands, useClass: InMemoryProcessedCommands },
        { provide: EventStore, useFactory: (processed: InMemoryProcessedCommands) => new InMemoryEventStore(processed), inject: [ProcessedCommands] },
        IdempotentCommands,
        { provide: SnapshotStore, useClass: InMemorySnapshotStore },
        EventRegistry,
        StreamLocks,
        AggregateRepositoryDeps,
      ],
      exports: exported,
    };
  }
}
