import { CommandAlreadyProcessedError, CompletedCommand } from '../idempotency/processed-command';
import type { CommandContext } from '../metadata/event-metadata';
import type { SerializedEvent } from '../serialization/event-registry';
import { ConcurrencyError } from '../store/concurrency.error';
import type { StoredEvent } from '../store/stored-event';
import { VersionMismatchError } from './aggregate.errors';
import type { EventSourcedAggregate } from './event-sourced-aggregate';
import { completedCommands } from './idempotent-save';
import { Change, QueuedChange, SaveResult, UpdateOptions, UpdateResult } from './queued-change';
import { retry } from './retry';
import type { StreamLocks } from './stream-locks';
import { UpdateQueues } from './update-queues';

/** What grouped updates need from the repository that owns them. */
export interface GroupedUpdatesRepository<A> {
  readonly streamType: string;
  load(id: string): Promise<A>;
  /**
   * Appends what `aggregate` recorded, event i carrying `contextOf(i)`; `serialized`: those events
   * already serialized; `commands`: idempotent commands whose answers go into the same transaction.
   */
  append(
    aggregate: A,
    contextOf: (eventIndex: number) => CommandContext,
    serialized?: SerializedEvent[],
    commands?: CompletedCommand[],
  ): Promise<SaveResult & { events: StoredEvent[] }>;
  serialize(event: object): SerializedEvent;
}

export interface GroupedUpdatesOptions {
  /** How many queued changes one load and one append may serve. */
  maxGroup: number;
  /** Tries per group when another writer got there first (COMMAND_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Told each time a group lost a race and is about to be tried again (for metrics). */
  onConflictRetry?: () => void;
}

/** A change that ran: the state it left, and where its events sit in the group's append. */
interface AppliedChange<A> {
  queued: QueuedChange<A>;
  version: number;
  /** Index of its last event in the append; null when it recorded nothing. */
  lastEventIndex: number | null;
  /** The aggregate itself while no later change has run on it, else a copy as this change left it. */
  aggregate: A;
}

/** Every change of one try, run on one loaded aggregate, ready for one append. */
interface ChangesToSave<A> {
  aggregate: A;
  applied: AppliedChange<A>[];
  /** Per recorded event, in order: the context of the command that recorded it. */
  contexts: CommandContext[];
  /** Per recorded event: serialized (so validated) as soon as recorded; absent for a lone change. */
  serialized?: SerializedEvent[];
}

/**
 * Load, change, save, as one step per aggregate in this process. Changes that queue up on one
 * aggregate meanwhile are served together: one load, each change in arrival order, one append
 * (so one commit); each caller is answered with its own version, position and the state its
 * change left. A lost race is retried on fresh state unless the caller named `expectedVersion`.
 */
export class GroupedUpdates<A extends EventSourcedAggregate> {
  private readonly queues: UpdateQueues<QueuedChange<A>>;

  constructor(
    private readonly repository: GroupedUpdatesRepository<A>,
    locks: StreamLocks,
    private readonly options: GroupedUpdatesOptions,
  ) {
    this.queues = new UpdateQueues(locks, options.maxGroup, (id, group) => this.serve(id, group), (queued, error) => queued.refuse(error));
  }

  update(id: string, change: Change<A>, options: UpdateOptions<A>): Promise<UpdateResult<A>> {
    return new Promise((resolve, reject) => this.queues.enqueue(id, new QueuedChange(change, options, resolve, reject)));
  }

  /** Serves a group, trying again on fresh state after a lost race; those still waiting at the end are refused. */
  private serve(id: string, group: QueuedChange<A>[]): Promise<void> {
    return retry(() => this.serveOnce(id, group), {
      maxAttempts: this.options.maxAttempts,
      // A command another request already completed was refused alone (see `append`): the rest go again.
      isRetryable: (error) => error instanceof ConcurrencyError || error instanceof CommandAlreadyProcessedError,
      delayMs: (attempt) => {
        this.options.onConflictRetry?.(); // asked only when there will be another attempt
        return Math.random() * 5 * (attempt + 1);
      },
    });
  }

  private async serveOnce(id: string, group: QueuedChange<A>[]): Promise<void> {
    const waiting = group.filter((queued) => queued.isWaiting);
    if (waiting.length === 0) return;
    // 1. Load the aggregate as it stands now.
    const aggregate = await this.repository.load(id);
    // 2. Run each change in arrival order; one refused is answered at once and left out.
    const changes = this.runChanges(aggregate, waiting);
    if (changes === 'start-over') return this.serveOnce(id, group);
    if (changes.applied.length === 0) return;
    // 3. Append every recorded event at once, each with the metadata of its own command.
    const saved = await this.append(id, changes);
    // 4. Answer each caller with its own version, position and state.
    for (const { queued, version, lastEventIndex, aggregate } of changes.applied) {
      const position = lastEventIndex === null ? 0 : saved.events[lastEventIndex].position;
      queued.answer({ version, position, aggregate });
    }
  }

  /**
   * Runs each change on `aggregate`. A change that throws before recording anything (a broken
   * rule) or finds the wrong version is refused alone. One that throws after recording events, or
   * records an invalid one, is refused and the rest start over on fresh state: what it recorded
   * cannot be taken back from the aggregate.
   */
  private runChanges(aggregate: A, waiting: QueuedChange<A>[]): ChangesToSave<A> | 'start-over' {
    // Alone, a change needs no early check: the append validates, and a failure is its own.
    const changes: ChangesToSave<A> = { aggregate, applied: [], contexts: [], serialized: waiting.length > 1 ? [] : undefined };
    for (const queued of waiting) {
      const { expectedVersion } = queued.options;
      if (expectedVersion !== undefined && expectedVersion !== aggregate.version) {
        queued.refuse(new VersionMismatchError(this.repository.streamType, aggregate.id, expectedVersion, aggregate.version));
        continue;
      }
      const previous = changes.applied.at(-1);
      if (previous?.aggregate === aggregate) previous.aggregate = aggregate.copy();
      if (this.runChange(queued, changes) === 'start-over') return 'start-over';
    }
    return changes;
  }

  private runChange(queued: QueuedChange<A>, changes: ChangesToSave<A>): 'applied' | 'refused' | 'start-over' {
    const { aggregate } = changes;
    const before = aggregate.getUncommittedEvents().length;
    try {
      queued.change(aggregate);
      // In a group an invalid event must fail its own command only, so serialize (validate) it now.
      for (const event of aggregate.getUncommittedEvents().slice(before)) changes.serialized?.push(this.repository.serialize(event));
    } catch (error) {
      queued.refuse(error);
      return aggregate.getUncommittedEvents().length === before ? 'refused' : 'start-over';
    }
    const recorded = aggregate.getUncommittedEvents().length;
    for (let i = before; i < recorded; i++) changes.contexts.push(queued.options.context);
    changes.applied.push({ queued, version: aggregate.version, lastEventIndex: recorded > before ? recorded - 1 : null, aggregate });
    return 'applied';
  }

  /**
   * On a lost race, refuses those that named the version they expected; on a key recorded already,
   * the command that carries it (to be answered from the record). The others are tried again.
   */
  private async append(id: string, { aggregate, contexts, serialized, applied }: ChangesToSave<A>) {
    try {
      return await this.repository.append(aggregate, (i) => contexts[i], serialized, this.completedCommands(applied));
    } catch (error) {
      if (error instanceof CommandAlreadyProcessedError) {
        for (const { queued } of applied) if (queued.options.context.idempotency && error.covers(queued.options.context.idempotency)) queued.refuse(error);
      }
      if (error instanceof ConcurrencyError) {
        for (const { queued } of applied) {
          const expected = queued.options.expectedVersion;
          if (expected !== undefined) queued.refuse(new VersionMismatchError(this.repository.streamType, id, expected, error.actual));
        }
      }
      throw error;
    }
  }

  /** The idempotent commands among the applied changes, each answering from the state its own change left. */
  private completedCommands(applied: AppliedChange<A>[]): CompletedCommand[] {
    return applied.flatMap(({ queued, version, lastEventIndex, aggregate }) =>
      completedCommands(queued.options.context, queued.options.answer, (result) => ({
        version,
        position: lastEventIndex === null ? 0 : result.events[lastEventIndex].position,
        aggregate,
      })),
    );
  }
}
