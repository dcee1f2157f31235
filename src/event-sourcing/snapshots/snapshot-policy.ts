/**
 * How an aggregate is snapshotted, declared next to it:
 *
 * ```ts
 * static readonly snapshots: SnapshotPolicy<Counter, CounterSnapshot> = {
 *   schemaVersion: 1,
 *   take: (counter) => ({ name: counter.currentName, value: counter.currentValue }),
 *   restore: (counter, state) => { ... },
 * };
 * ```
 *
 * Change `schemaVersion` whenever the state's shape or meaning changes: snapshots of another
 * version are then ignored (the aggregate is replayed in full) and replaced on its next save.
 */
export interface SnapshotPolicy<A, S = unknown> {
  readonly schemaVersion: number;
  /** Take a snapshot once this many events were saved since the last one; default SNAPSHOT_EVERY. */
  readonly every?: number;
  /** The state to keep: plain JSON. */
  take(aggregate: A): S;
  /** Puts `state` back into a blank aggregate. */
  restore(aggregate: A, state: S): void;
}
