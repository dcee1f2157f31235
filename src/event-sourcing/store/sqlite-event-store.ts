import type Database from 'better-sqlite3';
import { ConcurrencyError } from './concurrency.error';
import { EVENT_COLUMNS, INSERT_COLUMNS, insertValues } from './event-columns';
import { EventStore } from './event-store';
import { SqliteWriteLock } from './sqlite-write-lock';
import type { AppendResult, ExpectedVersion, NewEvent, ReadAllOptions, ReadStreamOptions, StoredEvent } from './stored-event';

interface EventRow {
  position: number;
  stream_id: string;
  stream_type: string;
  version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  occurred_at: string;
}

// 8 parameters a row: well under SQLite's limit of 32766 bound parameters per statement.
const ROWS_PER_INSERT = 500;

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: row.position,
    streamId: row.stream_id,
    streamType: row.stream_type,
    version: row.version,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    occurredAt: new Date(row.occurred_at),
  };
}

/**
 * The event store on better-sqlite3 prepared statements. An append is one synchronous
 * `BEGIN IMMEDIATE` transaction run under the process-wide write lock, so nothing interleaves with
 * it and the version check and the insert see the same state.
 */
export class SqliteEventStore extends EventStore {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly writeLock: SqliteWriteLock,
  ) {
    super();
  }

  async appendToStream(streamId: string, streamType: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const result = await this.writeLock.run(() => this.appendNow(streamId, streamType, events, expected));
    if (events.length > 0) this.notifyAppended(result.lastPosition);
    return result;
  }

  private appendNow(streamId: string, streamType: string, events: NewEvent[], expected: ExpectedVersion): AppendResult {
    const append = this.db.transaction((): AppendResult => {
      const current = (this.statement('SELECT MAX(version) AS v FROM events WHERE stream_id = ?').get(streamId) as { v: number | null }).v ?? 0;
      if (expected === 'no-stream' ? current !== 0 : expected !== 'any' && expected !== current) {
        throw new ConcurrencyError(streamId, expected, current);
      }
      const stored: StoredEvent[] = events.map((event, i) => ({ ...event, streamId, streamType, version: current + i + 1, position: 0 }));
      for (let start = 0; start < stored.length; start += ROWS_PER_INSERT) {
        this.insertRows(stored.slice(start, start + ROWS_PER_INSERT));
      }
      const last = stored.at(-1);
      return { nextVersion: last?.version ?? current, lastPosition: last?.position ?? 0, events: stored };
    });
    try {
      return append.immediate();
    } catch (error) {
      // Another process won the race between our read and our insert.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        const actual = (this.statement('SELECT MAX(version) AS v FROM events WHERE stream_id = ?').get(streamId) as { v: number }).v;
        throw new ConcurrencyError(streamId, expected, actual);
      }
      throw error;
    }
  }

  private insertRows(rows: StoredEvent[]): void {
    const placeholders = rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    const insert = this.statement(`INSERT INTO events ${INSERT_COLUMNS} VALUES ${placeholders} RETURNING position`);
    const params = rows.flatMap(insertValues);
    const positions = insert.all(...params) as { position: number }[];
    positions.forEach((row, i) => (rows[i].position = row.position));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const { fromVersion = 1, toVersion = Number.MAX_SAFE_INTEGER, until } = options;
    const timeFilter = until ? 'AND occurred_at <= ?' : '';
    const rows = this.statement(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version >= ? AND version <= ? ${timeFilter} ORDER BY version`,
    ).all(streamId, fromVersion, toVersion, ...(until ? [until.toISOString()] : [])) as EventRow[];
    return rows.map(toStoredEvent);
  }

  async readAll({ after, limit, types, streamId }: ReadAllOptions): Promise<StoredEvent[]> {
    const filters = ['position > ?'];
    const params: unknown[] = [after];
    if (types?.length) {
      filters.push(`type IN (${types.map(() => '?').join(', ')})`);
      params.push(...types);
    }
    if (streamId !== undefined) {
      filters.push('stream_id = ?');
      params.push(streamId);
    }
    const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${filters.join(' AND ')} ORDER BY position LIMIT ?`;
    return (this.statement(sql).all(...params, limit) as EventRow[]).map(toStoredEvent);
  }

  async headPosition(): Promise<number> {
    return (this.statement('SELECT MAX(position) AS p FROM events').get() as { p: number | null }).p ?? 0;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
