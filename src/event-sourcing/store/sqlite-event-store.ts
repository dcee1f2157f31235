import type Database from 'better-sqlite3';
import type { CompletedCommand, RecordedAnswer } from '../idempotency/processed-command';
import type { SqliteProcessedCommands } from '../idempotency/sqlite-processed-commands';
import { ConcurrencyError } from './concurrency.error';
import { EVENT_COLUMNS, INSERT_COLUMNS } from './event-columns';
import { EventStore } from './event-store';
import { SqliteStreamHeads } from './sqlite-stream-heads';
import { SqliteWriteLock } from './sqlite-write-lock';
import type { AppendOptions, AppendResult, ExpectedVersion, NewEvent, ReadAllOptions, ReadStreamOptions, StoredEvent } from './stored-event';

/** A row of EVENT_COLUMNS, in that order: reads fetch arrays (see `readStatement`). */
type EventRow = [
  position: number,
  streamId: string,
  streamType: string,
  version: number,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
  occurredAt: string,
];

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: row[0],
    streamId: row[1],
    streamType: row[2],
    version: row[3],
    type: row[4],
    schemaVersion: row[5],
    data: JSON.parse(row[6]),
    metadata: JSON.parse(row[7]),
    occurredAt: new Date(row[8]),
  };
}

// Bounds on one group commit, so that a single synchronous transaction never holds the event loop long.
const MAX_APPENDS_PER_COMMIT = 500;
const MAX_EVENTS_PER_COMMIT = 10_000;

interface QueuedAppend {
  streamId: string;
  streamType: string;
  events: NewEvent[];
  expected: ExpectedVersion;
  options?: AppendOptions;
  /** The answers of `options.commands`, written in the append's transaction; handed out after its commit. */
  answers?: RecordedAnswer[];
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type Outcome = { result: AppendResult } | { error: unknown };

/** Answers a committed append, handing each idempotent command its recorded answer first. */
function settleCommitted(append: QueuedAppend, result: AppendResult): void {
  append.options?.commands?.forEach(({ claim }, i) => (claim.recorded = append.answers![i]));
  append.resolve(result);
}

/**
 * The event store on better-sqlite3 prepared statements, with group commit: appends that arrive
 * in the same turn of the event loop, or while the write lock is busy, are committed together in
 * one `BEGIN IMMEDIATE` transaction (one WAL sync), each in its own savepoint, so that one that
 * fails rolls back alone. Every caller is answered only after the shared COMMIT: an acknowledged
 * append is exactly as durable as when each had its own transaction.
 */
export class SqliteEventStore extends EventStore {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly readStatements = new Map<string, Database.Statement>();
  private readonly queue: QueuedAppend[] = [];
  private readonly heads = new SqliteStreamHeads();
  private flushing = false;
  /** Called inside `commitTogether`, better-sqlite3 runs it as a savepoint; alone, as its own transaction. */
  private readonly appendTransaction: { (append: QueuedAppend): AppendResult; immediate(append: QueuedAppend): AppendResult };
  private readonly commitTogether: { immediate(batch: QueuedAppend[]): Outcome[] };
  private readonly insert: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly writeLock: SqliteWriteLock,
    private readonly processed: SqliteProcessedCommands,
  ) {
    super();
    this.appendTransaction = db.transaction((append: QueuedAppend) => this.appendNow(append));
    this.commitTogether = db.transaction((batch: QueuedAppend[]) => batch.map((append) => this.tryAppend(append, () => this.appendTransaction(append))));
    this.insert = db.prepare(`INSERT INTO events ${INSERT_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  appendToStream(streamId: string, streamType: string, events: NewEvent[], expected: ExpectedVersion, options?: AppendOptions): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, streamType, events, expected, options, resolve, reject });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = true;
    // Waiting for the end of this turn of the event loop lets every request read in it join the commit.
    setImmediate(() => void this.flush());
  }

  /** Commits the queue, batch after batch; appends that arrive while one commits join the next. */
  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        let outcomes: Outcome[];
        try {
          outcomes = await this.writeLock.run(() => this.commit(batch));
        } catch (error) {
          // BEGIN or COMMIT failed: nothing of the batch was written.
          batch.forEach((append) => append.reject(error));
          continue;
        }
        this.observer.committed(batch.length);
        outcomes.forEach((outcome, i) => ('result' in outcome ? settleCommitted(batch[i], outcome.result) : batch[i].reject(outcome.error)));
        const lastPosition = Math.max(0, ...outcomes.map((outcome) => ('result' in outcome ? outcome.result.lastPosition : 0)));
        if (lastPosition > 0) this.notifyAppended(lastPosition);
      }
    } finally {
      this.flushing = false;
      // Only if a listener threw: what is still queued must not wait for the next append.
      if (this.queue.length > 0) this.scheduleFlush();
    }
  }

  /** Commits `batch` and, in the same synchronous step, notes the new heads of its streams. */
  private commit(batch: QueuedAppend[]): Outcome[] {
    // An append alone needs no savepoint: its own transaction already rolls back alone.
    const outcomes = batch.length === 1 ? [this.tryAppend(batch[0], () => this.appendTransaction.immediate(batch[0]))] : this.commitTogether.immediate(batch);
    outcomes.forEach((outcome, i) => 'result' in outcome && this.heads.committed(batch[i].streamId, outcome.result.nextVersion));
    return outcomes;
  }

  private takeBatch(): QueuedAppend[] {
    let appends = 0;
    let events = 0;
    while (appends < this.queue.length && appends < MAX_APPENDS_PER_COMMIT) {
      events += this.queue[appends].events.length;
      if (appends > 0 && events > MAX_EVENTS_PER_COMMIT) break;
      appends += 1;
    }
    return this.queue.splice(0, appends);
  }

  /** One append: a failure is its own outcome, already rolled back (to its savepoint, in a batch). */
  private tryAppend(append: QueuedAppend, run: () => AppendResult): Outcome {
    try {
      return { result: run() };
    } catch (error) {
      // Another process won the race between our read and our insert.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        return { error: new ConcurrencyError(append.streamId, append.expected, this.currentVersion(append.streamId)) };
      }
      return { error };
    }
  }

  private appendNow(append: QueuedAppend): AppendResult {
    const { streamId, streamType, events, expected } = append;
    const current = this.currentVersion(streamId);
    if (expected === 'no-stream' ? current !== 0 : expected !== 'any' && expected !== current) {
      throw new ConcurrencyError(streamId, expected, current);
    }
    const stored = events.map((event, i): StoredEvent => {
      const version = current + i + 1;
      const { type, schemaVersion, data, metadata, occurredAt } = event;
      const row = this.insert.run(streamId, streamType, version, type, schemaVersion, JSON.stringify(data), JSON.stringify(metadata), occurredAt.toISOString());
      // `position` is the table's INTEGER PRIMARY KEY, that is the rowid.
      return { type, schemaVersion, data, metadata, occurredAt, streamId, streamType, version, position: Number(row.lastInsertRowid) };
    });
    const last = stored.at(-1);
    const result = { nextVersion: last?.version ?? current, lastPosition: last?.position ?? 0, events: stored };
    const commands = append.options?.commands ?? [];
    if (commands.length > 0) append.answers = this.recordCommands(commands, result);
    return result;
  }

  /** @throws CommandAlreadyProcessedError (rolling the append back) when a key is recorded already. */
  private recordCommands(commands: CompletedCommand[], result: AppendResult): RecordedAnswer[] {
    const createdAt = new Date();
    const answers = commands.map((command) => command.answer(result));
    this.processed.insert(commands.map(({ claim }, i) => ({ scope: claim.scope, key: claim.key, fingerprint: claim.fingerprint, answer: answers[i], createdAt })));
    return answers;
  }

  private currentVersion(streamId: string): number {
    return (this.statement('SELECT MAX(version) AS v FROM events WHERE stream_id = ?').get(streamId) as { v: number | null }).v ?? 0;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const { fromVersion = 1, toVersion = Number.MAX_SAFE_INTEGER, until } = options;
    // Past the head this process committed last: nothing to read (see SqliteStreamHeads).
    if (fromVersion > (this.heads.get(streamId) ?? Number.MAX_SAFE_INTEGER)) return [];
    const timeFilter = until ? 'AND occurred_at <= ?' : '';
    const rows = this.readStatement(
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
    return (this.readStatement(sql).all(...params, limit) as EventRow[]).map(toStoredEvent);
  }

  async headPosition(): Promise<number> {
    return (this.statement('SELECT MAX(position) AS p FROM events').get() as { p: number | null }).p ?? 0;
  }

  /**
   * A statement returning rows as arrays (better-sqlite3's raw mode): cheaper than an object per
   * row that toStoredEvent would only copy into another.
   */
  private readStatement(sql: string): Database.Statement {
    let statement = this.readStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql).raw();
      this.readStatements.set(sql, statement);
    }
    return statement;
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
