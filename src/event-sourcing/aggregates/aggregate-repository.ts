import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_SOURCING_OPTIONS, EventSourcingOptions } from '../event-sourcing.options';
import { attachEnvelope, envelopeFrom } from '../metadata/event-envelope';
import { CommandContext, eventMetadataFor } from '../metadata/event-metadata';
import { EventRegistry, SerializedEvent } from '../serialization/event-registry';
import { RecentSnapshots } from '../snapshots/recent-snapshots';
import type { SnapshotPolicy } from '../snapshots/snapshot-policy';
import { Snapshot, SnapshotBound, SnapshotStore } from '../snapshots/snapshot-store';
import { ConcurrencyError } from '../store/concurrency.error';
import { EventStore } from '../store/event-store';
import type { NewEvent, StoredEvent } from '../store/stored-event';
import { AggregateNotFoundError, PastStateNotFoundError, VersionMismatchError } from './aggregate.errors';
import type { EventSourcedAggregate } from './event-sourced-aggregate';
import { StreamLocks } from './stream-locks';
import { QueuedUpdate, UpdateQueues } from './update-queues';

export interface SaveResult {
  /** The stream version after the save. */
  version: number;
  /** The global position of the last event saved: what a reader waits for to see this write. */
  position: number;
}

type Change<A> = (aggregate: A) => void;
type UpdateResult<A> = SaveResult & { aggregate: A };
type Update<A> = QueuedUpdate<{ change: Change<A>; options: UpdateOptions }, UpdateResult<A>>;

/** What one change of a group left: its last event (index in the append, -1: none), version, state (JSON). */
interface Turn {
  lastEvent: number;
  version: number;
  state: string | null;
}

// How many queued commands on one aggregate one load and one append may serve.
const MAX_GROUP = 100;

export interface UpdateOptions {
  context: CommandContext;
  /** The version the caller last saw (HTTP If-Match); without it, a lost race is retried on fresh state. */
  expectedVersion?: number;
}

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
 *   protected blank(id: string) { return new Counter(id); }
 * }
 * ```
 */
@Injectable() // so subclasses inherit the constructor's injection metadata
export abstract class AggregateRepository<A extends EventSourcedAggregate> {
  protected abstract readonly streamType: string;
  protected readonly snapshotPolicy?: SnapshotPolicy<A>;
  protected abstract blank(id: string): A;

  private readonly logger = new Logger(AggregateRepository.name);
  /** The version of the snapshot each loaded or saved aggregate is counted from (0: none). */
  private readonly snapshotVersions = new WeakMap<A, number>();
  private readonly recent = new RecentSnapshots();
  private queues?: UpdateQueues<{ change: Change<A>; options: UpdateOptions }, UpdateResult<A>>;

  constructor(protected readonly deps: AggregateRepositoryDeps) {}

  /** @throws AggregateNotFoundError when the stream has no events. */
  async load(id: string): Promise<A> {
    const { aggregate } = await this.rehydrate(id, {});
    if (aggregate.version === 0) throw new AggregateNotFoundError(this.streamType, id);
    return aggregate;
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
    let aggregate = this.blank(id);
    const snapshot = await this.restoreSnapshot(aggregate, bound);
    // A restore that threw half-way may have left state behind: replay into a fresh instance.
    if (!snapshot) aggregate = this.blank(id);
    const stored = await this.deps.store.readStream(id, { fromVersion: (snapshot?.version ?? 0) + 1, toVersion: bound.version, until: bound.at });
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
   */
  save(aggregate: A, context: CommandContext): Promise<SaveResult & { events: StoredEvent[] }> {
    return this.saveAs(aggregate, () => context);
  }

  /**
   * `save`, each recorded event carrying the metadata of the command that recorded it; `serialized`:
   * the recorded events already serialized (and so validated), in order.
   */
  private async saveAs(
    aggregate: A,
    contextOf: (eventIndex: number) => CommandContext,
    serialized?: SerializedEvent[],
  ): Promise<SaveResult & { events: StoredEvent[] }> {
    // A copy: uncommit() empties the very array getUncommittedEvents() returns.
    const pending = [...aggregate.getUncommittedEvents()];
    const expected = aggregate.persistedVersion === 0 ? 'no-stream' : aggregate.persistedVersion;
    const occurredAt = new Date();
    const events: NewEvent[] = pending.map((event, i) => {
      return {
        ...(serialized?.[i] ?? this.deps.registry.serialize(event)),
        metadata: eventMetadataFor(contextOf(i)),
        occurredAt,
      };
    });
    const result = await this.deps.store.appendToStream(aggregate.id, this.streamType, events, expected);
    aggregate.uncommit();
    pending.forEach((event, i) => attachEnvelope(event, envelopeFrom(result.events[i])));
    // Only after the commit: a handler never sees an event that could still be rolled back.
    this.deps.eventBus.publishAll(pending);
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
    if (!policy || this.snapshotEvery() === 0) return;
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
   * Load, change, save, as one step per aggregate in this process. A lost race is retried on
   * fresh state (bounded by COMMAND_MAX_ATTEMPTS) unless the caller named `expectedVersion`.
   * Commands that queue up on one aggregate meanwhile are served together on its next turn: one
   * load, each change in arrival order, one append (so one commit); each caller is answered with
   * its own version, position and the state its change left.
   * @throws VersionMismatchError when `expectedVersion` is not the aggregate's version.
   */
  update(id: string, change: Change<A>, options: UpdateOptions): Promise<UpdateResult<A>> {
    // Made on first use: the subclass's snapshotPolicy is not set yet while this constructor runs.
    // Without a policy a group could not answer each caller with its own state: one at a time.
    this.queues ??= new UpdateQueues(this.deps.locks, this.snapshotPolicy ? MAX_GROUP : 1, (id, group) => this.updateTogether(id, group));
    return this.queues.enqueue(id, { change, options });
  }

  private async updateTogether(id: string, group: Update<A>[]): Promise<void> {
    for (let attempt = 1; group.length > 0; ) {
      const aggregate = await this.load(id).catch((error: unknown) => {
        group.forEach((update) => update.reject(error));
        return null;
      });
      if (!aggregate) return;
      const applied = this.applyInTurn(aggregate, group);
      if (!applied) continue; // a change broke off half-way: it was dropped, start over on fresh state
      const { kept, turns, ownerOf, serialized } = applied;
      group = kept;
      if (group.length === 0) return;
      try {
        const saved = await this.saveAs(aggregate, (i) => kept[ownerOf[i]].command.options.context, serialized);
        kept.forEach((update, g) => update.resolve(this.answerFor(aggregate, saved.events, turns[g])));
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) {
          group.forEach((update) => update.reject(error));
          return;
        }
        group = group.filter((update) => {
          const expected = update.command.options.expectedVersion;
          if (expected === undefined) return true;
          update.reject(new VersionMismatchError(this.streamType, id, expected, error.actual));
          return false;
        });
        if (attempt++ >= this.deps.options.commandMaxAttempts) {
          group.forEach((update) => update.reject(error));
          return;
        }
        await sleep(Math.random() * 5 * attempt);
      }
    }
  }

  /**
   * Runs each change on `aggregate` in turn. A change that throws without recording anything (a
   * broken rule, checked before its event) or that finds the wrong version is refused alone; one
   * that throws after recording events, or records an invalid one, is refused and null returned,
   * since what it recorded cannot be taken back from the aggregate.
   */
  private applyInTurn(aggregate: A, group: Update<A>[]) {
    const kept: Update<A>[] = [];
    const turns: Turn[] = [];
    const ownerOf: number[] = [];
    // Alone, an update needs no early check: save validates, and a failure is its own.
    const serialized: SerializedEvent[] | undefined = group.length > 1 ? [] : undefined;
    for (const update of group) {
      const { change, options } = update.command;
      if (options.expectedVersion !== undefined && options.expectedVersion !== aggregate.version) {
        update.reject(new VersionMismatchError(this.streamType, aggregate.id, options.expectedVersion, aggregate.version));
        continue;
      }
      const before = aggregate.getUncommittedEvents().length;
      try {
        change(aggregate);
        // In a group an invalid event must fail its own command only, so serialize (validate) it now.
        if (serialized) for (const event of aggregate.getUncommittedEvents().slice(before)) serialized.push(this.deps.registry.serialize(event));
      } catch (error) {
        update.reject(error);
        if (aggregate.getUncommittedEvents().length === before) continue;
        group.splice(group.indexOf(update), 1);
        return null;
      }
      const recorded = aggregate.getUncommittedEvents().length;
      for (let i = before; i < recorded; i++) ownerOf.push(kept.length);
      kept.push(update);
      const state = this.snapshotPolicy && serialized ? JSON.stringify(this.snapshotPolicy.take(aggregate)) : null;
      turns.push({ lastEvent: recorded > before ? recorded - 1 : -1, version: aggregate.version, state });
    }
    return { kept, turns, ownerOf, serialized };
  }

  /** A caller's answer: the aggregate as its own change left it (alone in its group: the aggregate itself). */
  private answerFor(aggregate: A, events: StoredEvent[], { lastEvent, version, state }: Turn): UpdateResult<A> {
    const position = lastEvent >= 0 ? events[lastEvent].position : 0;
    if (state === null) return { version, position, aggregate };
    const view = this.blank(aggregate.id);
    view.loadFromSnapshot(version, () => this.snapshotPolicy!.restore(view, JSON.parse(state)));
    return { version, position, aggregate: view };
  }

  /** Saves a new aggregate; its stream must not exist yet. */
  async create(aggregate: A, context: CommandContext): Promise<SaveResult> {
    return this.deps.locks.run(aggregate.id, () => this.save(aggregate, context));
  }
}
