import type { Snapshot } from './snapshot-store';

// What an entry costs beside its two strings: the Map slot, the entry object and its Date (V8, 64-bit).
const ENTRY_OVERHEAD_BYTES = 200;

interface Entry {
  version: number;
  schemaVersion: number;
  /** JSON, as the snapshots table keeps it: a restore can never share objects with the cached state. */
  state: string;
  occurredAt: Date;
  /** The version of the newest snapshot in the database, which decides when the next is due. */
  storedVersion: number;
  bytes: number;
}

/**
 * The state of each recently saved aggregate, in memory, so that the next command on it reads only
 * the events after it (usually none) instead of a snapshot query plus up to SNAPSHOT_EVERY events.
 * Never stale: the first `version` events of a stream never change, and the events after it, even
 * those appended by another instance, are read from the store on every load.
 *
 * Bounded by bytes, not entries (AGGREGATE_CACHE_MB), since a state can be tens of bytes or tens
 * of kilobytes: least recently used entries go first once the total passes `capacityBytes`; a
 * state larger than the whole budget is not kept; 0 keeps nothing. An entry is counted at two
 * bytes per character of its id and JSON (V8's most), plus a fixed overhead.
 */
export class RecentSnapshots {
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;

  constructor(private readonly capacityBytes: number) {}

  /** What the kept entries are counted at, in bytes. */
  get bytes(): number {
    return this.totalBytes;
  }

  get size(): number {
    return this.entries.size;
  }

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
    const { streamId, version, schemaVersion, occurredAt } = snapshot;
    this.forget(streamId);
    if (this.capacityBytes === 0) return;
    const state = JSON.stringify(snapshot.state);
    const bytes = 2 * (streamId.length + state.length) + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.capacityBytes) return;
    this.entries.set(streamId, { version, schemaVersion, state, occurredAt, storedVersion, bytes });
    this.totalBytes += bytes;
    while (this.totalBytes > this.capacityBytes) this.forget(this.entries.keys().next().value!);
  }

  private forget(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (!entry) return;
    this.entries.delete(streamId);
    this.totalBytes -= entry.bytes;
  }
}
