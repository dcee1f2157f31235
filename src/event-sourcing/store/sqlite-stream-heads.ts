// Enough for the streams being written now; a stream not listed only costs its query.
const CAPACITY = 20_000;

/**
 * The version each recently appended stream stands at, as the SQLite store committed it. On SQLite
 * one process writes (the database's writer lock) and every append of that process goes through
 * its one store, so this is the stream's head until the store commits again: a read of the events
 * after it can answer "none" without asking the database, which is what loading an aggregate from
 * its in-memory state asks on every command. Set only after a COMMIT, in the same synchronous step.
 */
export class SqliteStreamHeads {
  private readonly heads = new Map<string, number>();

  /** The committed version of the stream, when it was appended to lately. */
  get(streamId: string): number | undefined {
    return this.heads.get(streamId);
  }

  committed(streamId: string, version: number): void {
    // Map keeps insertion order: re-inserting makes it the newest, and the oldest goes first.
    this.heads.delete(streamId);
    this.heads.set(streamId, version);
    if (this.heads.size > CAPACITY) this.heads.delete(this.heads.keys().next().value!);
  }
}
