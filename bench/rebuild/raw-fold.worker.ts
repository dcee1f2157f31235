import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { runAsWorker } from '../support/child';

export interface RawFoldArgs {
  file: string;
}

export interface RawFoldResult {
  seconds: number;
  events: number;
}

interface EventRow {
  position: number;
  stream_id: string;
  version: number;
  type: string;
  data: string;
  metadata: string;
  occurred_at: string;
}

interface ViewRow {
  id: string;
  name: string;
  value: number;
  version: number;
  createdPosition: number;
  updatedAt: string;
}

/**
 * The practical limit of the same rebuild: one prepared statement iterating the log, JSON parsed
 * as the store would, folded into a Map, and the rows written in one transaction.
 */
async function fold({ file }: RawFoldArgs): Promise<RawFoldResult> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  try {
    const started = performance.now();
    const views = new Map<string, ViewRow>();
    const select = db.prepare('SELECT position, stream_id, version, type, data, metadata, occurred_at FROM events ORDER BY position');
    let events = 0;
    for (const row of select.iterate() as IterableIterator<EventRow>) {
      events++;
      const data = JSON.parse(row.data) as { counterId: string; name?: string; by?: number };
      JSON.parse(row.metadata);
      const updatedAt = new Date(row.occurred_at).toISOString();
      if (row.type === 'CounterCreated') {
        views.set(data.counterId, { id: data.counterId, name: data.name!, value: 0, version: row.version, createdPosition: row.position, updatedAt });
        continue;
      }
      const view = views.get(data.counterId)!;
      if (row.type === 'CounterIncremented') view.value += data.by ?? 1;
      else if (row.type === 'CounterDecremented') view.value -= data.by!;
      else if (row.type === 'CounterReset') view.value = 0;
      view.version = row.version;
      view.updatedAt = updatedAt;
    }
    const insert = db.prepare('INSERT INTO counter_views (id, name, value, version, created_position, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      db.prepare('DELETE FROM counter_views').run();
      for (const v of views.values()) insert.run(v.id, v.name, v.value, v.version, v.createdPosition, v.updatedAt);
    })();
    return { seconds: (performance.now() - started) / 1000, events };
  } finally {
    db.close();
  }
}

runAsWorker(fold);
