import type { Pool, PoolClient } from 'pg';
import { ConcurrencyError } from './concurrency.error';
import { EVENT_COLUMNS, INSERT_COLUMNS, insertValues } from './event-columns';
import { EventStore } from './event-store';
import { APPEND_LOCK, CHRONICLE_LOCK_SPACE } from './postgres-advisory-locks';
import type { AppendResult, ExpectedVersion, NewEvent, ReadAllOptions, ReadStreamOptions, StoredEvent } from './stored-event';

interface EventRow {
  position: string;
  stream_id: string;
  stream_type: string;
  version: number;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: StoredEvent['metadata'];
  occurred_at: Date;
}

// 8 parameters a row: well under PostgreSQL's limit of 65535 bound parameters per statement.
const ROWS_PER_INSERT = 1000;
const UNIQUE_VIOLATION = '23505';

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    // BIGINT arrives as a string; positions stay far below 2^53.
    position: Number(row.position),
    streamId: row.stream_id,
    streamType: row.stream_type,
    version: row.version,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
  };
}

/**
 * The event store on a pg connection pool (the one TypeORM opened), shared by any number of app
 * instances.
 *
 * Global order: every append takes one transaction-scoped advisory lock before it draws positions
 * from the sequence and holds it until it commits. So positions become visible in the order they
 * were drawn, and a reader that has seen position N will never later find a committed event below
 * N: `readAll` and `headPosition` are plain queries. A rolled-back append leaves a gap that stays a
 * gap. See docs/running-several-instances.md for why this approach over transaction-id filtering.
 */
export class PostgresEventStore extends EventStore {
  constructor(private readonly pool: Pool) {
    super();
  }

  async appendToStream(streamId: string, streamType: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    let result: AppendResult;
    try {
      result = await this.inTransaction((client) => this.appendNow(client, streamId, streamType, events, expected));
    } catch (error) {
      // A writer that does not take the append lock (or a future change that drops it) still
      // cannot produce a duplicate version: the unique constraint turns it into a conflict.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConcurrencyError(streamId, expected, await this.currentVersion(this.pool, streamId));
      }
      throw error;
    }
    if (events.length > 0) this.notifyAppended(result.lastPosition);
    return result;
  }

  private async appendNow(
    client: PoolClient,
    streamId: string,
    streamType: string,
    events: NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    if (events.length > 0) await client.query('SELECT pg_advisory_xact_lock($1, $2)', [CHRONICLE_LOCK_SPACE, APPEND_LOCK]);
    const current = await this.currentVersion(client, streamId);
    if (expected === 'no-stream' ? current !== 0 : expected !== 'any' && expected !== current) {
      throw new ConcurrencyError(streamId, expected, current);
    }
    const stored: StoredEvent[] = events.map((event, i) => ({ ...event, streamId, streamType, version: current + i + 1, position: 0 }));
    for (let start = 0; start < stored.length; start += ROWS_PER_INSERT) {
      await this.insertRows(client, stored.slice(start, start + ROWS_PER_INSERT));
    }
    const last = stored.at(-1);
    return { nextVersion: last?.version ?? current, lastPosition: last?.position ?? 0, events: stored };
  }

  private async insertRows(client: PoolClient, rows: StoredEvent[]): Promise<void> {
    const placeholders = rows.map((_, r) => `(${Array.from({ length: 8 }, (_, c) => `$${r * 8 + c + 1}`).join(', ')})`);
    const params = rows.flatMap(insertValues);
    const { rows: inserted } = await client.query<{ position: string; version: number }>(
      `INSERT INTO events ${INSERT_COLUMNS} VALUES ${placeholders.join(', ')} RETURNING position, version`,
      params,
    );
    // Matched by version, not by row order, which RETURNING does not promise.
    const byVersion = new Map(inserted.map((row) => [row.version, Number(row.position)]));
    for (const row of rows) row.position = byVersion.get(row.version)!;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const { fromVersion = 1, toVersion = 2 ** 31 - 1, until } = options;
    const params: unknown[] = [streamId, fromVersion, toVersion];
    const timeFilter = until ? `AND occurred_at <= $${params.push(until)}` : '';
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND version >= $2 AND version <= $3 ${timeFilter} ORDER BY version`,
      params,
    );
    return rows.map(toStoredEvent);
  }

  async readAll({ after, limit, types, streamId }: ReadAllOptions): Promise<StoredEvent[]> {
    const params: unknown[] = [after];
    const filters = ['position > $1'];
    if (types?.length) filters.push(`type = ANY($${params.push(types)})`);
    if (streamId !== undefined) filters.push(`stream_id = $${params.push(streamId)}`);
    const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${filters.join(' AND ')} ORDER BY position LIMIT $${params.push(limit)}`;
    const { rows } = await this.pool.query<EventRow>(sql, params);
    return rows.map(toStoredEvent);
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ p: string }>('SELECT COALESCE(MAX(position), 0) AS p FROM events');
    return Number(rows[0].p);
  }

  private async currentVersion(db: Pool | PoolClient, streamId: string): Promise<number> {
    const { rows } = await db.query<{ v: number | null }>('SELECT MAX(version) AS v FROM events WHERE stream_id = $1', [streamId]);
    return rows[0].v ?? 0;
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is dropped from the pool, not reused.
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
