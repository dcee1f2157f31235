import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Who writes a SQLite database: one process at a time (the service, or an offline projections
 * rebuild). Held as an exclusive lock on a small file beside the database (`<file>-writer`), kept
 * by one connection in exclusive locking mode; the operating system drops it when the process
 * ends, even by SIGKILL, so no stale lock outlives its holder.
 */
export class SqliteWriterLock {
  private constructor(private readonly connection: Database.Database) {}

  /** The lock, or null when another process (or connection) holds it. */
  static tryAcquire(databaseFile: string): SqliteWriterLock | null {
    mkdirSync(dirname(databaseFile), { recursive: true });
    const connection = new Database(`${databaseFile}-writer`, { timeout: 0 });
    try {
      connection.pragma('locking_mode = EXCLUSIVE');
      // In exclusive locking mode the lock this transaction takes is kept until the connection closes.
      connection.exec('BEGIN EXCLUSIVE; COMMIT');
      return new SqliteWriterLock(connection);
    } catch (error) {
      connection.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
      throw error;
    }
  }

  release(): void {
    if (this.connection.open) this.connection.close();
  }
}

export class DatabaseHeldError extends Error {
  constructor(databaseFile: string) {
    super(
      `Another process holds ${databaseFile} for writing (a running Chronicle, or a projections rebuild): SQLite takes one ` +
        'writer process. Stop it first; to rebuild a projection while the service runs, use POST /projections/<name>/rebuild.',
    );
  }
}
