import type { ClientConfig, Pool } from 'pg';
import { ConcurrencyError, expectationMet } from './concurrency.error';
import { EVENT_COLUMNS } from './event-columns';
import { EventStore } from './event-store';
import { PostgresAppendSignal } from './postgres-append-signal';
import { PostgresAppender } from './postgres-appender';
import type { AppendOptions, AppendResult, ExpectedVersion, NewEvent, ReadAllOptions, ReadStreamOptions, StoredEvent } from './stored-event';

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
 * gap. Appends queued in this process share a commit (see PostgresAppender). See
 * docs/running-several-instances.md for why this approach over transaction-id filtering.
 */
export class PostgresEventStore extends EventStore {
  private readonly appender: PostgresAppender;
  private readonly signal: PostgresAppendSignal | undefined;

  /** With `signalConfig`, listeners also hear of other instances' appends (see PostgresAppendSignal). */
  constructor(
    private readonly pool: Pool,
    signalConfig?: ClientConfig,
  ) {
    super();
    this.signal = signalConfig && new PostgresAppendSignal(signalConfig, (position) => this.notifyAppended(position));
    this.appender = new PostgresAppender(pool, this.signal, (appends) => this.observer.committed(appends));
  }

  override onAppended(listener: (lastPosition: number) => void): () => void {
    this.signal?.listen();
    return super.onAppended(listener);
  }

  /** Nest calls this at shutdown; tests call it before dropping their database. */
  async onApplicationShutdown(): Promise<void> {
    await this.signal?.close();
  }

  async appendToStream(streamId: string, streamType: string, events: NewEvent[], expected: ExpectedVersion, options?: AppendOptions): Promise<AppendResult> {
    // Without events, only idempotent commands (whose answers must be recorded) need the appender.
    if (events.length === 0 && !options?.commands?.length) return this.checkOnly(streamId, expected);
    const result = await this.appender.append(streamId, streamType, events, expected, options);
    if (result.lastPosition > 0) this.notifyAppended(result.lastPosition);
    return result;
  }

  /** An empty append writes nothing and needs no lock, but still reports a stale expectation. */
  private async checkOnly(streamId: string, expected: ExpectedVersion): Promise<AppendResult> {
    const current = (await this.appender.currentVersions(this.pool, [streamId])).get(streamId) ?? 0;
    if (!expectationMet(expected, current)) throw new ConcurrencyError(streamId, expected, current);
    return { nextVersion: current, lastPosition: 0, events: [] };
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
}
