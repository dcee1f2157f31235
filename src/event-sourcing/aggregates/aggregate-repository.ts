import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Environment } from '../../config/environment';
import { attachEnvelope, envelopeFrom } from '../metadata/event-envelope';
import type { CommandContext } from '../metadata/event-metadata';
import { EventRegistry } from '../serialization/event-registry';
import { ConcurrencyError } from '../store/concurrency.error';
import { EventStore } from '../store/event-store';
import type { NewEvent } from '../store/stored-event';
import { AggregateNotFoundError, VersionMismatchError } from './aggregate.errors';
import type { EventSourcedAggregate } from './event-sourced-aggregate';
import { StreamLocks } from './stream-locks';

export interface SaveResult {
  /** The stream version after the save. */
  version: number;
  /** The global position of the last event saved: what a reader waits for to see this write. */
  position: number;
}

export interface UpdateOptions {
  context: CommandContext;
  /** The version the caller last saw (HTTP If-Match); without it, a lost race is retried on fresh state. */
  expectedVersion?: number;
}

/** What every repository needs, injected once so that domain repositories stay one-liners. */
@Injectable()
export class AggregateRepositoryDeps {
  constructor(
    readonly store: EventStore,
    readonly registry: EventRegistry,
    readonly eventBus: EventBus,
    readonly locks: StreamLocks,
    readonly env: Environment,
  ) {}
}

/**
 * Loads aggregates by folding their stream and saves what they recorded. Subclass it per
 * aggregate with its stream type and a blank instance:
 *
 * ```ts
 * @Injectable()
 * export class CounterRepository extends AggregateRepository<Counter> {
 *   protected readonly streamType = 'Counter';
 *   protected blank(id: string) { return new Counter(id); }
 * }
 * ```
 */
@Injectable() // so subclasses inherit the constructor's injection metadata
export abstract class AggregateRepository<A extends EventSourcedAggregate> {
  protected abstract readonly streamType: string;
  protected abstract blank(id: string): A;

  constructor(protected readonly deps: AggregateRepositoryDeps) {}

  /** @throws AggregateNotFoundError when the stream has no events. */
  async load(id: string): Promise<A> {
    const stored = await this.deps.store.readStream(id);
    if (stored.length === 0) throw new AggregateNotFoundError(this.streamType, id);
    const aggregate = this.blank(id);
    aggregate.loadFromHistory(stored.map((event) => this.deps.registry.deserialize(event)));
    return aggregate;
  }

  /**
   * Appends what the aggregate recorded since it was loaded, expecting the stream to be where it
   * was loaded from, then publishes the stored events on the EventBus.
   * @throws ConcurrencyError when another writer got there first.
   */
  async save(aggregate: A, context: CommandContext): Promise<SaveResult> {
    const pending = aggregate.getUncommittedEvents();
    const expected = aggregate.persistedVersion === 0 ? 'no-stream' : aggregate.persistedVersion;
    const occurredAt = new Date();
    const events: NewEvent[] = pending.map((event) => ({
      ...this.deps.registry.serialize(event),
      metadata: { eventId: randomUUID(), correlationId: context.correlationId, causationId: context.commandId },
      occurredAt,
    }));
    const result = await this.deps.store.appendToStream(aggregate.id, this.streamType, events, expected);
    aggregate.uncommit();
    pending.forEach((event, i) => attachEnvelope(event, envelopeFrom(result.events[i])));
    // Only after the commit: a handler never sees an event that could still be rolled back.
    this.deps.eventBus.publishAll(pending);
    return { version: result.nextVersion, position: result.lastPosition };
  }

  /**
   * Load, change, save, as one step per aggregate in this process. A lost race is retried on
   * fresh state (bounded by COMMAND_MAX_ATTEMPTS) unless the caller named `expectedVersion`.
   * @throws VersionMismatchError when `expectedVersion` is not the aggregate's version.
   */
  update(id: string, change: (aggregate: A) => void, options: UpdateOptions): Promise<SaveResult & { aggregate: A }> {
    return this.deps.locks.run(id, async () => {
      for (let attempt = 1; ; attempt++) {
        const aggregate = await this.load(id);
        if (options.expectedVersion !== undefined && options.expectedVersion !== aggregate.version) {
          throw new VersionMismatchError(this.streamType, id, options.expectedVersion, aggregate.version);
        }
        change(aggregate);
        try {
          return { ...(await this.save(aggregate, options.context)), aggregate };
        } catch (error) {
          if (!(error instanceof ConcurrencyError)) throw error;
          if (options.expectedVersion !== undefined) {
            throw new VersionMismatchError(this.streamType, id, options.expectedVersion, error.actual);
          }
          if (attempt >= this.deps.env.COMMAND_MAX_ATTEMPTS) throw error;
          await sleep(Math.random() * 5 * attempt);
        }
      }
    });
  }

  /** Saves a new aggregate; its stream must not exist yet. */
  async create(aggregate: A, context: CommandContext): Promise<SaveResult> {
    return this.deps.locks.run(aggregate.id, () => this.save(aggregate, context));
  }
}
