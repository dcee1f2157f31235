import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { INSERT_COLUMNS } from '../../src/event-sourcing/store/event-columns';
import { runAsWorker } from '../support/child';
import { counterIdOf, placeOf } from './layout';

export interface SeedArgs {
  /** A file the app's migrations have made. */
  file: string;
  /** Seeded events `from` (inclusive) to `to` (exclusive), by their index in the layout. */
  from: number;
  to: number;
}

// Large transactions on one connection without fsyncs: seeding is set-up, not what is measured.
const TRANSACTION_EVENTS = 50_000;

/** The n-th change of a counter (n ≥ 1), as the app stores it: never below zero, varied amounts. */
function payloadOf(counterId: string, version: number): { type: string; schemaVersion: number; data: string } {
  if (version === 1) return { type: 'CounterCreated', schemaVersion: 1, data: JSON.stringify({ counterId, name: `scale ${counterId.slice(0, 8)}` }) };
  const n = version - 1;
  const decrement = n % 4 === 0;
  return {
    type: decrement ? 'CounterDecremented' : 'CounterIncremented',
    schemaVersion: decrement ? 1 : 2,
    data: JSON.stringify({ counterId, by: decrement ? 1 : (n % 3) + 1 }),
  };
}

/** What the app records with every event: ids of the event and of its command, and the actor. */
function metadataOf(): string {
  const commandId = randomUUID();
  return JSON.stringify({ eventId: randomUUID(), correlationId: commandId, causationId: commandId, actor: { type: 'anonymous', id: null } });
}

async function seed({ file, from, to }: SeedArgs): Promise<{ seconds: number }> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -512000'); // 500 MB: the random (stream_id, version) index inserts stay in memory
  const insert = db.prepare(`INSERT INTO events ${INSERT_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const ids = new Map<number, string[]>();
  const started = performance.now();
  const writeRange = db.transaction((start: number, end: number) => {
    for (let n = start; n < end; n++) {
      const { chunk, stream, version } = placeOf(n);
      let chunkIds = ids.get(chunk);
      if (!chunkIds) ids.set(chunk, (chunkIds = []));
      const counterId = (chunkIds[stream] ??= counterIdOf(chunk, stream));
      const { type, schemaVersion, data } = payloadOf(counterId, version);
      // Time moves on 10 ms per event, so the log spans days, as a real one would.
      const occurredAt = new Date(Date.UTC(2026, 0, 1) + n * 10).toISOString();
      insert.run(counterId, 'Counter', version, type, schemaVersion, data, metadataOf(), occurredAt);
    }
    if (ids.size > 2) ids.delete(Math.min(...ids.keys()));
  });
  for (let start = from; start < to; start += TRANSACTION_EVENTS) writeRange(start, Math.min(to, start + TRANSACTION_EVENTS));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { seconds: (performance.now() - started) / 1000 };
}

runAsWorker(seed);
