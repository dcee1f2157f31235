import { DatabaseError, type Pool, type PoolClient } from 'pg';
import { alreadyProcessed, insertProcessedCommands } from '../idempotency/postgres-processed-commands';
import { CommandAlreadyProcessedError, CommandKey, ProcessedCommand, RecordedAnswer } from '../idempotency/processed-command';
import { ConcurrencyError, expectationMet } from './concurrency.error';
import { INSERT_COLUMNS, insertValues } from './event-columns';
import { APPEND_LOCK, CHRONICLE_LOCK_SPACE } from './postgres-advisory-locks';
import type { PostgresAppendSignal } from './postgres-append-signal';
import { appendCall, appendOutcomes } from './postgres-append-function';
import type { AppendOptions, AppendResult, ExpectedVersion, NewEvent, StoredEvent } from './stored-event';

// 8 parameters a row: well under PostgreSQL's limit of 65535 bound parameters per statement.
const ROWS_PER_INSERT = 1000;
// A commit carries the appends that queued while the previous one was in flight, up to this many events.
const EVENTS_PER_COMMIT = 5000;
const UNIQUE_VIOLATION = '23505';

const keyOf = ({ scope, key }: CommandKey) => `${scope}\u0000${key}`;
const isIdempotent = (append: PendingAppend) => (append.options?.commands?.length ?? 0) > 0;

/**
 * The keys of the commands an append completes that are taken already (recorded, or claimed by an
 * earlier append of the same transaction); otherwise takes them.
 */
function takeKeys(options: AppendOptions | undefined, taken: Set<string>): CommandKey[] {
  const claims = (options?.commands ?? []).map((c) => c.claim);
  const duplicates = claims.filter((claim) => taken.has(keyOf(claim)));
  if (duplicates.length === 0) claims.forEach((claim) => taken.add(keyOf(claim)));
  return duplicates;
}

/** The connection failed during COMMIT: the appends may or may not be stored. */
export class CommitOutcomeUnknownError extends Error {
  constructor(readonly cause: Error) {
    super(`The database connection failed while committing; the append may or may not be stored: ${cause.message}`);
    this.name = 'CommitOutcomeUnknownError';
  }
}

interface PendingAppend {
  streamId: string;
  streamType: string;
  events: NewEvent[];
  expected: ExpectedVersion;
  options?: AppendOptions;
  settle: (outcome: AppendResult | Error) => void;
}

type Outcome = AppendResult | ConcurrencyError | CommandAlreadyProcessedError;

/**
 * Writes appends to PostgreSQL, one transaction at a time per process, each holding the cluster-wide
 * append lock (see PostgresEventStore) from before it draws positions until it commits.
 *
 * Because that lock allows one commit at a time, appends that arrive while a commit is in flight
 * queue up and go into the next transaction together: one lock, one version query, one INSERT and
 * one WAL flush for all of them. Each append is still checked on its own against the stream version
 * (and the appends before it in the same transaction): a conflict rejects only that append. Any
 * other failure is retried append by append, so one bad append cannot fail its neighbours.
 *
 * A group without idempotent commands is one call of `chronicle_append` (one round trip); one with
 * them is a transaction of several statements, since their answers are computed here from the
 * positions drawn and recorded before the commit.
 */
export class PostgresAppender {
  private readonly queue: PendingAppend[] = [];
  private flushing = false;

  constructor(
    private readonly pool: Pool,
    private readonly signal?: PostgresAppendSignal,
    /** Told how many appends shared each commit. */
    private readonly onCommitted: (appends: number) => void = () => undefined,
  ) {}

  append(streamId: string, streamType: string, events: NewEvent[], expected: ExpectedVersion, options?: AppendOptions): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, streamType, events, expected, options, settle: (o) => (o instanceof Error ? reject(o) : resolve(o)) });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) await this.commit(this.takeBatch());
    } finally {
      this.flushing = false;
    }
  }

  /** The appends at the head of the queue that go the same way (see `commit`), up to EVENTS_PER_COMMIT events. */
  private takeBatch(): PendingAppend[] {
    let events = this.queue[0].events.length;
    let count = 1;
    const idempotent = isIdempotent(this.queue[0]);
    while (
      count < this.queue.length &&
      isIdempotent(this.queue[count]) === idempotent &&
      events + this.queue[count].events.length <= EVENTS_PER_COMMIT
    ) {
      events += this.queue[count++].events.length;
    }
    return this.queue.splice(0, count);
  }

  private async commit(batch: PendingAppend[]): Promise<void> {
    let outcomes: Outcome[];
    let answers: Map<PendingAppend, RecordedAnswer[]>;
    try {
      // Without idempotency records to write once positions are known, the whole group is one statement.
      ({ outcomes, answers } = isIdempotent(batch[0])
        ? await this.inTransaction((client) => this.write(client, batch))
        : { outcomes: await this.inOneStatement(batch), answers: new Map() });
    } catch (error) {
      // Retrying after a COMMIT whose outcome is unknown could write an append twice.
      if (batch.length > 1 && !(error instanceof CommitOutcomeUnknownError)) {
        for (const append of batch) await this.commit([append]);
        return;
      }
      batch[0].settle(await this.explain(batch[0], error));
      return;
    }
    this.onCommitted(batch.length);
    batch.forEach((append, i) => {
      // Committed: each idempotent command gets the answer recorded with its events.
      const answered = answers.get(append);
      if (answered) append.options!.commands!.forEach(({ claim }, c) => (claim.recorded = answered[c]));
      append.settle(outcomes[i]);
    });
  }

  private async write(client: PoolClient, batch: PendingAppend[]) {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [CHRONICLE_LOCK_SPACE, APPEND_LOCK]);
    const versions = await this.currentVersions(client, [...new Set(batch.map((a) => a.streamId))]);
    const taken = new Set((await alreadyProcessed(client, batch.flatMap((a) => a.options?.commands?.map((c) => c.claim) ?? []))).map(keyOf));
    const rows: StoredEvent[] = [];
    const outcomes: Outcome[] = batch.map(({ streamId, streamType, events, expected, options }) => {
      const current = versions.get(streamId) ?? 0;
      if (!expectationMet(expected, current)) return new ConcurrencyError(streamId, expected, current);
      const duplicates = takeKeys(options, taken);
      if (duplicates.length > 0) return new CommandAlreadyProcessedError(duplicates);
      const stored = events.map((event, i) => ({ ...event, streamId, streamType, version: current + i + 1, position: 0 }));
      versions.set(streamId, current + events.length);
      rows.push(...stored);
      return { nextVersion: current + events.length, lastPosition: 0, events: stored };
    });
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      await this.insertRows(client, rows.slice(start, start + ROWS_PER_INSERT));
    }
    for (const outcome of outcomes) {
      if (!(outcome instanceof Error)) outcome.lastPosition = outcome.events.at(-1)?.position ?? 0;
    }
    const answers = await this.recordCommands(client, batch, outcomes);
    if (this.signal && rows.length > 0) await client.query(this.signal.announcement(Math.max(...rows.map((row) => row.position))));
    return { outcomes, answers };
  }

  /** Writes the answers of the idempotent commands the successful appends complete, in one statement. */
  private async recordCommands(client: PoolClient, batch: PendingAppend[], outcomes: Outcome[]): Promise<Map<PendingAppend, RecordedAnswer[]>> {
    const answers = new Map<PendingAppend, RecordedAnswer[]>();
    const records: ProcessedCommand[] = [];
    const createdAt = new Date();
    batch.forEach((append, i) => {
      const outcome = outcomes[i];
      const commands = append.options?.commands;
      if (!commands?.length || outcome instanceof Error) return;
      const answered = commands.map((command) => command.answer(outcome));
      answers.set(append, answered);
      commands.forEach(({ claim: { scope, key, fingerprint } }, c) => records.push({ scope, key, fingerprint, answer: answered[c], createdAt }));
    });
    await insertProcessedCommands(client, records);
    return answers;
  }

  private async insertRows(client: PoolClient, rows: StoredEvent[]): Promise<void> {
    const placeholders = rows.map((_, r) => `(${Array.from({ length: 8 }, (_, c) => `$${r * 8 + c + 1}`).join(', ')})`);
    const { rows: inserted } = await client.query<{ position: string; stream_id: string; version: number }>(
      `INSERT INTO events ${INSERT_COLUMNS} VALUES ${placeholders.join(', ')} RETURNING position, stream_id, version`,
      rows.flatMap(insertValues),
    );
    // Matched by stream and version, not by row order, which RETURNING does not promise.
    const positions = new Map(inserted.map((row) => [`${row.version}:${row.stream_id}`, Number(row.position)]));
    for (const row of rows) row.position = positions.get(`${row.version}:${row.streamId}`)!;
  }

  /** What a failed lone append tells its caller: a lost race (the unique constraint) or the error itself. */
  private async explain(append: PendingAppend, error: unknown): Promise<Error> {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) return error instanceof Error ? error : new Error(String(error));
    const versions = await this.currentVersions(this.pool, [append.streamId]).catch(() => new Map<string, number>());
    return new ConcurrencyError(append.streamId, append.expected, versions.get(append.streamId) ?? 0);
  }

  async currentVersions(db: Pool | PoolClient, streamIds: string[]): Promise<Map<string, number>> {
    const { rows } = await db.query<{ stream_id: string; v: number }>(
      'SELECT stream_id, MAX(version) AS v FROM events WHERE stream_id = ANY($1) GROUP BY stream_id',
      [streamIds],
    );
    return new Map(rows.map((row) => [row.stream_id, row.v]));
  }

  /** The group through `chronicle_append`: one round trip, its own transaction. */
  private async inOneStatement(batch: PendingAppend[]): Promise<Outcome[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      return appendOutcomes(batch, (await client.query(appendCall(batch, this.signal?.target))).rows);
    } catch (error) {
      // Rare: the connection is not worth keeping. A server's answer means the statement rolled back;
      // without one (the connection was lost), it may have committed.
      broken = error as Error;
      throw error instanceof DatabaseError ? error : new CommitOutcomeUnknownError(broken);
    } finally {
      client.release(broken);
    }
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT').catch((error: Error) => {
        throw new CommitOutcomeUnknownError(error);
      });
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
