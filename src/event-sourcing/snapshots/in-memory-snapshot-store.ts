import { Snapshot, SnapshotBound, SnapshotStore } from './snapshot-store';

/** Snapshots in this process's memory, beside the InMemoryEventStore: same rules as the table. */
export class InMemorySnapshotStore extends SnapshotStore {
  private readonly byStream = new Map<string, Snapshot[]>();

  async latest(streamId: string, schemaVersion: number, bound: SnapshotBound = {}): Promise<Snapshot | null> {
    const found = (this.byStream.get(streamId) ?? [])
      .filter((s) => s.schemaVersion === schemaVersion)
      .filter((s) => (bound.version === undefined || s.version <= bound.version) && (bound.at === undefined || s.occurredAt <= bound.at))
      .sort((a, b) => b.version - a.version)[0];
    return found ? { ...found, state: structuredClone(found.state) } : null;
  }

  async save(snapshot: Snapshot): Promise<void> {
    const kept = (this.byStream.get(snapshot.streamId) ?? []).filter((s) => s.schemaVersion === snapshot.schemaVersion && s.version !== snapshot.version);
    this.byStream.set(snapshot.streamId, [...kept, { ...snapshot, state: JSON.parse(JSON.stringify(snapshot.state)) }]);
  }
}
