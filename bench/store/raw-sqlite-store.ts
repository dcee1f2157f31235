import Database from 'better-sqlite3';
import { EVENT_COLUMNS, INSERT_COLUMNS } from '../../src/event-sourcing/store/event-columns';
import type { NewEvent } from '../../src/event-sourcing/store/stored-event';
import { type ReadItem, rowValues } from './item-events';
import type { StoreUnderTest } from './workloads';

export type Synchronous = 'FULL' | 'NORMAL';

class StaleVersionError extends Error {}

// The columns of EVENT_COLUMNS, in order: position, stream_id, stream_type, version, type, schema_version, data, metadata, occurred_at.
type Row = [number, string, string, number, string, number, string, string, string];

/**
 * The practical limit: better-sqlite3 prepared statements on the same schema and pragmas as our
 * store, doing only what an append and a read must: check the version and insert; select the
 * same columns as our store, parse data and metadata, keep what the fold needs. Rows come as
 * arrays (better-sqlite3's raw mode), the fastest way to read them. The file's schema is already
 * there (made by the production migrations).
 */
export function rawSqliteStore(file: string, synchronous: Synchronous): StoreUnderTest {
  const db = new Database(file, { timeout: 5000 });
  // The pragmas typeOrmOptions and TypeORM's driver set.
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');

  const currentVersion = db.prepare('SELECT MAX(version) FROM events WHERE stream_id = ?').pluck();
  const insert = db.prepare(`INSERT INTO events ${INSERT_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const selectStream = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? ORDER BY version`).raw();
  const selectAll = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw();

  const append = db.transaction((streamId: string, events: NewEvent[], expectedVersion: number) => {
    const current = (currentVersion.get(streamId) as number | null) ?? 0;
    if (current !== expectedVersion) throw new StaleVersionError(`${streamId} is at ${current}, not ${expectedVersion}`);
    events.forEach((event, i) => insert.run(...rowValues(streamId, current + i + 1, event)));
  });

  const parsed = (rows: Row[]): ReadItem[] =>
    rows.map((row) => ({ position: row[0], version: row[3], data: JSON.parse(row[6]) as ReadItem['data'], metadata: JSON.parse(row[7]) as ReadItem['metadata'] }));

  return {
    append: async (streamId, events, expectedVersion) => append.immediate(streamId, events, expectedVersion),
    isConflict: (error) => error instanceof StaleVersionError,
    readStream: async (streamId) => parsed(selectStream.all(streamId) as Row[]),
    readAll: async (position, limit) => parsed(selectAll.all(position, limit) as Row[]),
    close: async () => void db.close(),
  };
}
