/** Where a loaded aggregate's state came from: this process's memory, a stored snapshot, or a full replay. */
export type SnapshotSource = 'memory' | 'stored' | 'none';

/**
 * What the core reports while it works, for the host to turn into metrics: passed as
 * `EventSourcingModule.forRoot({ observer })`. Called on hot paths, so implementations only
 * count; none may throw.
 */
export interface EventSourcingObserver {
  /** One append reached the store and committed (`durationMs`: from the call to the commit, queueing included). */
  appended(append: { streamType: string; events: number; durationMs: number }): void;
  /** One commit of the store, shared by `appends` appends (group commit). */
  committed(appends: number): void;
  /** A command lost a race on `streamType` and is tried again on fresh state. */
  conflictRetried(streamType: string): void;
  /** An aggregate with a snapshot policy was loaded from `source`. */
  snapshotLoaded(streamType: string, source: SnapshotSource): void;
  /** A projection applied a batch (positions after `from`, up to `to`) and moved its checkpoint. */
  projectionBatch(batch: { projection: string; from: number; to: number; events: number; durationMs: number }): void;
  /** A projection's handler failed on the event at `position`; it holds there. */
  projectionFailed(failure: { projection: string; position: number }): void;
}

const ignore = () => undefined;

/** The observer when the host gives none. */
export const NOOP_OBSERVER: EventSourcingObserver = {
  appended: ignore,
  committed: ignore,
  conflictRetried: ignore,
  snapshotLoaded: ignore,
  projectionBatch: ignore,
  projectionFailed: ignore,
};
