import { EventSourcingObserver, NOOP_OBSERVER } from '../observability/event-sourcing-observer';
import type { AppendOptions, AppendResult, ExpectedVersion, NewEvent, ReadAllOptions, ReadStreamOptions, StoredEvent } from './stored-event';

/**
 * The append-only log every aggregate and projection is built from. Implementations exist for
 * SQLite and PostgreSQL; both pass the same contract tests.
 */
export abstract class EventStore {
  /**
   * Appends `events` to the end of a stream in one transaction, or none of them.
   * With `options.commands`, also records those commands' answers in the same transaction.
   * @throws ConcurrencyError when the stream is not at `expectedVersion`.
   * @throws CommandAlreadyProcessedError when one of `options.commands` is recorded already.
   */
  abstract appendToStream(
    streamId: string,
    streamType: string,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
    options?: AppendOptions,
  ): Promise<AppendResult>;

  /** A stream's events in version order; empty when the stream does not exist. */
  abstract readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;

  /** Events of all streams in global position order, after a position. */
  abstract readAll(options: ReadAllOptions): Promise<StoredEvent[]>;

  /** The position of the last event a reader can safely follow to (0 when empty). */
  abstract headPosition(): Promise<number>;

  private readonly listeners = new Set<(lastPosition: number) => void>();

  /** Told how many appends shared each commit; the module sets it from its options. */
  observer: EventSourcingObserver = NOOP_OBSERVER;

  /**
   * Calls `listener` after every commit made through this store in this process (and, on
   * PostgreSQL, soon after commits by other instances); returns an unsubscribe.
   */
  onAppended(listener: (lastPosition: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected notifyAppended(lastPosition: number): void {
    for (const listener of this.listeners) listener(lastPosition);
  }
}
