import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { ConcurrencyError } from '../../src/event-sourcing';
import { validateEnvironment } from '../../src/config/environment';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import { SqliteEventStore } from '../../src/event-sourcing/store/sqlite-event-store';
import { SqliteProcessedCommands } from '../../src/event-sourcing/idempotency/sqlite-processed-commands';
import { SqliteWriteLock } from '../../src/event-sourcing/store/sqlite-write-lock';
import { tempSqliteUrl } from '../support/temp-database';
import { newEvent } from './event-store.contract';

describe('SqliteEventStore group commit, on a real SQLite file', () => {
  let temp: ReturnType<typeof tempSqliteUrl>;
  let db: Database.Database;
  /** A second connection: what it sees is what was committed. */
  let observer: Database.Database;
  let store: SqliteEventStore;
  let commits = 0;
  /** Every statement the store's connection ran. */
  let statements: string[] = [];

  beforeEach(async () => {
    temp = tempSqliteUrl();
    // The schema comes from the migrations, as in the app.
    await (await new DataSource({ ...typeOrmOptions(validateEnvironment({ DATABASE_URL: temp.url })), entities: [] }).initialize()).destroy();
    // better-sqlite3 reports every statement it runs to `verbose`, transaction control included.
    db = new Database(temp.file, {
      verbose: (sql) => {
        statements.push(String(sql));
        if (sql === 'COMMIT') commits += 1;
      },
    });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    observer = new Database(temp.file, { readonly: true });
    const writeLock = new SqliteWriteLock();
    store = new SqliteEventStore(db, writeLock, new SqliteProcessedCommands(db, writeLock));
    commits = 0;
    statements = [];
  });

  afterEach(() => {
    db.close();
    observer.close();
    temp.cleanup();
  });

  const committedPositions = () => (observer.prepare('SELECT position FROM events ORDER BY position').all() as { position: number }[]).map((row) => row.position);
  const append = (streamId: string, expected: number | 'no-stream' | 'any', events = [newEvent('Added')]) =>
    store.appendToStream(streamId, 'Thing', events, expected);

  it('commits concurrent appends to distinct streams in fewer transactions than appends, answering each after the commit', async () => {
    const seenAtAnswer: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        append(`stream-${i}`, 'no-stream').then((result) => {
          // Visible to another connection when the caller hears of it: committed, not merely written.
          seenAtAnswer.push(committedPositions().includes(result.lastPosition) ? 1 : 0);
          return result;
        }),
      ),
    );

    expect(commits).toBeGreaterThan(0);
    expect(commits).toBeLessThan(results.length);
    expect(seenAtAnswer).toEqual(results.map(() => 1));
    // In the order the appends were made, with no gap.
    expect(results.map((r) => r.lastPosition)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(committedPositions()).toEqual(results.map((r) => r.lastPosition));
  });

  it('rejects only the conflicting appends of a batch with a ConcurrencyError; the others land', async () => {
    await append('taken', 'no-stream');
    commits = 0;

    const outcomes = await Promise.allSettled([
      append('first', 'no-stream'),
      append('taken', 'no-stream'), // stale: the stream exists
      append('second', 'no-stream', [newEvent('A'), newEvent('B')]),
      append('first', 'no-stream'), // stale: the first append of this batch created it
      append('first', 1), // follows the first append of this batch
    ]);

    expect(commits).toBe(1);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(expect.objectContaining({ name: 'ConcurrencyError', streamId: 'taken', actual: 1 }));
    expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream('first')).map((e) => e.version)).toEqual([1, 2]);
    expect((await store.readStream('second')).map((e) => e.type)).toEqual(['A', 'B']);
    expect(await store.readStream('taken')).toHaveLength(1);
    expect(committedPositions()).toEqual([1, 2, 3, 4, 5]);
  });

  it('rolls back an append that fails half-way without a trace, and commits the rest of its batch', async () => {
    // Over 500 events are inserted in two statements; the second chunk's unserializable event fails after the first was written.
    const broken = Array.from({ length: 600 }, (_, i) => newEvent('Added', i === 550 ? { n: BigInt(1) } : { n: i }));

    const outcomes = await Promise.allSettled([append('before', 'no-stream'), append('broken', 'no-stream', broken), append('after', 'no-stream')]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(TypeError);
    expect(await store.readStream('broken')).toEqual([]);
    expect(committedPositions()).toEqual([1, 2]);
    expect((await append('broken', 'no-stream')).lastPosition).toBe(3);
  });

  it('rejects every append of a batch whose transaction cannot commit, and goes on with the next', async () => {
    db.pragma('busy_timeout = 0');
    const rival = new Database(temp.file);
    rival.prepare('BEGIN IMMEDIATE').run(); // another process holds the write lock
    try {
      const outcomes = await Promise.allSettled([append('a', 'no-stream'), append('b', 'no-stream')]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      expect((outcomes[0] as PromiseRejectedResult).reason).toEqual(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    } finally {
      rival.prepare('ROLLBACK').run();
      rival.close();
    }
    expect(committedPositions()).toEqual([]);
    await expect(append('a', 'no-stream')).resolves.toEqual(expect.objectContaining({ lastPosition: 1 }));
  });

  it('notifies listeners once per commit, after it, with the last position of the batch', async () => {
    const notified: { position: number; committed: boolean }[] = [];
    store.onAppended((position) => notified.push({ position, committed: committedPositions().includes(position) }));

    await Promise.all(Array.from({ length: 10 }, (_, i) => append(`s-${i}`, 'no-stream')));
    await Promise.allSettled([append('s-0', 'no-stream')]); // a batch where nothing lands

    expect(notified).toEqual([{ position: 10, committed: true }]);
  });

  describe('reading past the head it committed last', () => {
    const streamReads = () => statements.filter((sql) => sql.includes('FROM events WHERE stream_id = ? AND version >= ?')).length;

    it('answers "no events" without a query, and reads whatever it commits next', async () => {
      await append('s', 'no-stream', [newEvent('Added'), newEvent('Added')]);
      const before = streamReads();
      expect(await store.readStream('s', { fromVersion: 3 })).toEqual([]);
      expect(streamReads()).toBe(before);

      await append('s', 2);
      expect((await store.readStream('s', { fromVersion: 3 })).map((event) => event.version)).toEqual([3]);
      expect(await store.readStream('s', { fromVersion: 4 })).toEqual([]);
      expect((await store.readStream('s')).map((event) => event.version)).toEqual([1, 2, 3]);
    });

    it('keeps the head of a stream whose next append was refused or rolled back', async () => {
      await append('s', 'no-stream');
      await expect(append('s', 'no-stream')).rejects.toBeInstanceOf(ConcurrencyError);
      await Promise.all([append('s', 1), append('s', 1).catch(() => undefined), append('t', 'no-stream')]);
      expect((await store.readStream('s', { fromVersion: 2 })).map((event) => event.version)).toEqual([2]);
      expect(await store.readStream('s', { fromVersion: 3 })).toEqual([]);
    });

    it('asks the database about a stream it has not appended to', async () => {
      const other = new Database(temp.file);
      other.prepare(`INSERT INTO events (stream_id, stream_type, version, type, schema_version, data, metadata, occurred_at) VALUES ('u', 'Thing', 1, 'Added', 1, '{}', '{}', ?)`).run(new Date().toISOString());
      other.close();
      expect((await store.readStream('u', { fromVersion: 1 })).map((event) => event.version)).toEqual([1]);
    });
  });
});
