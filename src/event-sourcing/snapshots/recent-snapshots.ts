import type { Snapshot } from './snapshot-store';

/** How many aggregates' latest states one repository keeps in memory. */
const CAPACITY = 10_000;

interface Entry {
  version: number;
  schemaVersion: number;
  /** JSON, as the snapshots table keeps it: a restore can never share objects with the cached state. */
  state: string;
  occurredAt: Date;
  /** The version of the newest snapshot in the database, which decides when the next is due. */
  storedVersion: number;
}

/**
 * The state of each recently saved aggregate, in memory, so that the next command on it reads only
 * the events after it (usually none) instead of a snapshot query plus up to SNAPSHOT_EVERY events.
 * Never stale: the first `version` events of a stream never change, and the events after it, even
 * those appended by another instance, are read from the store on every load. Least recently used
 * entries go first.
 */
export class RecentSnapshots {
  private readonly entries = new Map<string, Entry>();

  get(streamId: string, schemaVersion: number): { snapshot: Snapshot; storedVersion: number } | null {
    const entry = this.entries.get(streamId);
    if (!entry || entry.schemaVersion !== schemaVersion) return null;
    // Map keeps insertion order: re-inserting marks the entry as the most recently used.
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    const { version, state, occurredAt, storedVersion } = entry;
    return { snapshot: { streamId, version, schemaVersion, state: JSON.parse(state), occurredAt }, storedVersion };
  }

  remember(snapshot: Snapshot, storedVersion: number): void {
    const { streamId, version, schemaVersion, state, occurredAt } = snapshot;
    this.entries.delete(streamId);
    this.entries.set(streamId, { version, schemaVersion, state: JSON.stringify(state), occurredAt, storedVersion });
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value!);
  }
}
