import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { EVENT_SOURCING_OPTIONS, EventSourcingOptions } from '../event-sourcing.options';
import { attachEnvelope, envelopeFrom } from '../metadata/event-envelope';
import { CommandContext, eventMetadataFor } from '../metadata/event-metadata';
import type { CompletedCommand } from '../idempotency/processed-command';
import { inSpan } from '../observability/tracing';
import { EventRegistry, SerializedEvent } from '../serialization/event-registry';
import { RecentSnapshots } from '../snapshots/recent-snapshots';
import type { SnapshotPolicy } from '../snapshots/snapshot-policy';
import { Snapshot, SnapshotBound, SnapshotStore } from '../snapshots/snapshot-store';
import { EventStore } from '../store/event-store';
import type { NewEvent, StoredEvent } from '../store/stored-event';
import { AggregateNotFoundError, PastStateNotFoundError } from './aggregate.errors';
import type { EventSourcedAggregate } from './event-sourced-aggregate';
import { GroupedUpdates } from './grouped-updates';
import { CommandAnswer, completedCommands } from './idempotent-save';
import type { Change, SaveResult, UpdateOptions, UpdateResult } from './queued-change';
import { StreamLocks } from './stream-locks';
import { tracedAppend, withTrace } from './traced-append';

export type { SaveResult, UpdateOptions, UpdateResult } from './queued-change';

// How many queued commands on one aggregate one load and one append may serve.
const MAX_GROUP = 100;

/** A point in an aggregate's past: right after stream version `version`, or as it stood at instant `at`. */
export type PastPoint = { version: number } | { at: Date };

export interface PastState<A> {
  aggregate: A;
  /** When the last event folded into this state occurred. */
  asOf: Date;
}

/** What every repository needs, injected once so that domain repositories stay one-liners. */
@Injectable()
export class AggregateRepositoryDeps {
  constructor(
    readonly store: EventStore,
    readonly registry: EventRegistry,
    readonly eventBus: EventBus,
    readonly locks: StreamLocks,
    readonly snapshots: SnapshotStore,
    @Inject(EVENT_SOURCING_OPTIONS) readonly options: EventSourcingOptions,
  ) {}
}

/**
 * Loads aggregates by folding their stream (from the latest valid snapshot, when the aggregate
 * declares a snapshot policy) and saves what they recorded. Subclass it per aggregate:
 *
 * ```ts
 * @Injectable()
 * export class CounterRepository extends AggregateRepository<Counter> {
 *   protected readonly streamType = 'Counter';
 *   protected readonly snapshotPolicy = Counter.snapshots; // optional
 *   protected createEmpty(id: string) { return new Counter(id); }
 * }
 * ```
 */
@Injectable() // so subclasses inherit the constructor's injection metadata
export abstract class AggregateRepository<A extends EventSourcedAggregate> {
  protected abstract readonly streamType: string;
  protected readonly snapshotPolicy?: SnapshotPolicy<A>;
  /** A new aggregate with no events yet, which loading folds the stream into. */
  protected abstract createEmpty(id: string): A;

  private readonly logger = new Logger(AggregateRepository.name);
  /** The version of the snapshot each loaded or saved aggregate is counted from (0: none). */
  private readonly snapshotVersions = new WeakMap<A, number>();
  private readonly recent: RecentSnapshots;
  private grouped?: GroupedUpdates<A>;

  constructor(protected readonly deps: AggregateRepositoryDeps) {
    this.recent = new RecentSnapshots(deps.options.aggregateCacheBytes);
  }

  /** @throws AggregateNotFoundError when the stream has no events. */
  load(id: string): Promise<A> {
    return inSpan(`load ${this.streamType}`, { 'chronicle.stream.id': id, 'chronicle.stream.type': this.streamType }, async (span) => {
      const { aggregate } = await this.rehydrate(id, {});
      span.setAttribute('chronicle.stream.version', aggregate.version);
      if (aggregate.version === 0) throw new AggregateNotFoundError(this.streamType, id);
      return aggregate;
    });
  }

  /**
   * The aggregate as it was right after a version, or at an instant: rebuilt from the events
   * (and a snapshot at or before that point), never from a projection.
   * @throws PastStateNotFoundError when the aggregate did not exist yet, or never reached `version`.
   * @throws AggregateNotFoundError when the stream has no events at all.
   */
  async loadAt(id: string, point: PastPoint): Promise<PastState<A>> {
    const bound: SnapshotBound = 'version' in point ? { version: point.version } : { at: point.at };
    const { aggregate, asOf } = await this.rehydrate(id, bound);
    if (aggregate.version === 0 || ('version' in point && aggregate.version < point.version)) {
      const current = (await this.deps.store.readStream(id, { fromVersion: 1, toVersion: 1 })).length;
      if (current === 0) throw new AggregateNotFoundError(this.streamType, id);
      throw new PastStateNotFoundError(
        this.streamType,
        id,
        'version' in point ? `never reached version ${point.version}: it is at version ${aggregate.version}` : `did not exist yet at ${point.at.toISOString()}`,
      );
    }
    return { aggregate, asOf: asOf! };
  }

  /** Latest valid snapshot within `bound` (if any), then the events after it, up to the bound. */
  private async rehydrate(id: string, bound: SnapshotBound): Promise<{ aggregate: A; asOf?: Date }> {
    let aggregate = this.createEmpty(id);
    const snapshot = await this.restoreSnapshot(aggregate, bound);
    // A restore that threw half-way may have left state behind: replay into a fresh instance.
    if (!snapshot) aggregate = this.createEmpty(id);
    const stored = await this.deps.store.readStream(id, { fromVersion: (snapshot?.version ?? 0) + 1, toVersion: bound.version, until: bound.at });
    if (stored.length > 0 && stored[0].streamType !== this.streamType) throw new AggregateNotFoundError(this.streamType, id); // another kind's id
    aggregate.loadFromHistory(stored.map((event) => this.deps.registry.deserialize(event)));
    if (!snapshot) this.snapshotVersions.set(aggregate, 0);
    return { aggregate, asOf: stored.at(-1)?.occurredAt ?? snapshot?.occurredAt };
  }

  /**
   * The aggregate's state as this process last saved it (current loads only), else the latest
   * stored snapshot within `bound`. One that cannot be read or restored only costs a full replay.
   */
  private async restoreSnapshot(aggregate: A, bound: SnapshotBound): Promise<Snapshot | null> {
    const policy = this.snapshotPolicy;
    if (!policy || this.snapshotEvery() === 0) return null;
    try {
      const current = bound.version === undefined && bound.at === undefined;
      const recent = current ? this.recent.get(aggregate.id, policy.schemaVersion) : null;
      const snapshot = recent?.snapshot ?? (await this.deps.snapshots.latest(aggregate.id, policy.schemaVersion, bound));
      this.deps.options.observer.snapshotLoaded(this.streamType, recent ? 'memory' : snapshot ? 'stored' : 'none');
      if (!snapshot) return null;
      aggregate.loadFromSnapshot(snapshot.version, () => policy.restore(aggregate, snapshot.state));
      this.snapshotVersions.set(aggregate, recent?.storedVersion ?? snapshot.version);
      return snapshot;
    } catch (error) {
      this.logger.warn(`ignoring the snapshot of ${this.streamType} ${aggregate.id}, replaying in full: ${String(error)}`);
      return null;
    }
  }

  /**
   * Appends what the aggregate recorded since it was loaded, expecting the stream to be where it
   * was loaded from, then publishes the stored events on the EventBus and, when the policy says
   * so, snapshots it (a failed snapshot is logged; the save has succeeded).
   * @throws ConcurrencyError when another writer got there first.
   * @throws InvalidEventError when a recorded event breaks its class's rules (nothing is appended).
   * @throws CommandAlreadyProcessedError when `context.idempotency` names a key recorded already
   * (with a claim, `answer` is required: it builds the answer recorded with the events).
   */
  save(aggregate: A, context: CommandContext, answer?: CommandAnswer<A>): Promise<SaveResult & { events: StoredEvent[] }> {
    const traced = withTrace(context);
    const commands = completedCommands(traced, answer, (result) => ({ aggregate, version: result.nextVersion, position: result.lastPosition }));
    return this.saveAs(aggregate, () => traced, undefined, commands);
  }

  /**
   * `save`, each recorded event carrying the metadata of the command that recorded it; `serialized`:
   * the recorded events already serialized (and so validated), in order; `commands`: the idempotent
   * commands whose answers are recorded with the events.
   */
  private async saveAs(
    aggregate: A,
    contextOf: (eventIndex: number) => CommandContext,
    serialized?: SerializedEvent[],
    commands?: CompletedCommand[],
  ): Promise<SaveResult & { events: StoredEvent[] }> {
    // A copy: uncommit() empties the very array getUncommittedEvents() returns.
    const pending = [...aggregate.getUncommittedEvents()];
    const expected = aggregate.persistedVersion === 0 ? 'no-stream' : aggregate.persistedVersion;
    const occurredAt = new Date();
    const events: NewEvent[] = pending.map((event, i) => ({
      ...(serialized?.[i] ?? this.deps.registry.serialize(event)),
      metadata: eventMetadataFor(contextOf(i)),
      occurredAt,
    }));
    const append: Parameters<typeof tracedAppend>[2] = { streamId: aggregate.id, streamType: this.streamType, events, expected, options: { commands } };
    const result = await tracedAppend(this.deps.store, this.deps.options.observer, append);
    aggregate.uncommit();
    pending.forEach((event, i) => attachEnvelope(event, envelopeFrom(result.events[i])));
    // Only after the commit: a handler never sees an event that could still be rolled back.
    await inSpan('publish events', { 'chronicle.event.count': pending.length }, async () => this.deps.eventBus.publishAll(pending));
    if (pending.length > 0) {
      await this.snapshotIfDue(aggregate, occurredAt);
      this.rememberState(aggregate, occurredAt);
    }
    return { version: result.nextVersion, position: result.lastPosition, events: result.events };
  }

  private async snapshotIfDue(aggregate: A, occurredAt: Date): Promise<void> {
    const policy = this.snapshotPolicy;
    const every = this.snapshotEvery();
    if (!policy || every === 0 || aggregate.version - (this.snapshotVersions.get(aggregate) ?? 0) < every) return;
    try {
      const state = policy.take(aggregate);
      await this.deps.snapshots.save({ streamId: aggregate.id, version: aggregate.version, schemaVersion: policy.schemaVersion, state, occurredAt });
      this.snapshotVersions.set(aggregate, aggregate.version);
    } catch (error) {
      this.logger.warn(`could not snapshot ${this.streamType} ${aggregate.id} at version ${aggregate.version}: ${String(error)}`);
    }
  }

  /** Keeps the saved state in memory for the next command; a policy that cannot take it only costs that. */
  private rememberState(aggregate: A, occurredAt: Date): void {
    const policy = this.snapshotPolicy;
    if (!policy || this.snapshotEvery() === 0 || this.deps.options.aggregateCacheBytes === 0) return;
    try {
      const snapshot = { streamId: aggregate.id, version: aggregate.version, schemaVersion: policy.schemaVersion, state: policy.take(aggregate), occurredAt };
      this.recent.remember(snapshot, this.snapshotVersions.get(aggregate) ?? 0);
    } catch (error) {
      this.logger.warn(`could not keep ${this.streamType} ${aggregate.id} in memory: ${String(error)}`);
    }
  }

  private snapshotEvery(): number {
    return this.snapshotPolicy?.every ?? this.deps.options.snapshotEvery;
  }

  /**
   * Load, change, save, as one step per aggregate in this process (see GroupedUpdates): a lost
   * race is retried on fresh state (bounded by COMMAND_MAX_ATTEMPTS) unless the caller named
   * `expectedVersion`; commands queued on one aggregate meanwhile share one load and one append,
   * each answered with its own version, position and the state its change left.
   * @throws VersionMismatchError when `expectedVersion` is not the aggregate's version.
   */
  update(id: string, change: Change<A>, options: UpdateOptions<A>): Promise<UpdateResult<A>> {
    // Made on first use: the subclass's fields (streamType) are not set yet while this constructor runs.
    this.grouped ??= new GroupedUpdates(
      {
        streamType: this.streamType,
        load: (id) => this.load(id),
        append: (aggregate, contextOf, serialized, commands) => this.saveAs(aggregate, contextOf, serialized, commands),
        serialize: (event) => this.deps.registry.serialize(event),
      },
      this.deps.locks,
      { maxGroup: MAX_GROUP, maxAttempts: this.deps.options.commandMaxAttempts, onConflictRetry: () => this.deps.options.observer.conflictRetried(this.streamType) },
    );
    return this.grouped.update(id, change, { ...options, context: withTrace(options.context) });
  }

  /** Saves a new aggregate; its stream must not exist yet. `answer`: as for `save`. */
  async create(aggregate: A, context: CommandContext, answer?: CommandAnswer<A>): Promise<SaveResult> {
    return this.deps.locks.run(aggregate.id, () => this.save(aggregate, context, answer));
  }
}
