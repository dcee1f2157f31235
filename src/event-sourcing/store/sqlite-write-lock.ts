import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';

/**
 * SQLite has one writer at a time, and TypeORM's better-sqlite3 driver shares one connection, so
 * two interleaved transactions would nest or fail. Every write transaction of the process runs
 * inside this lock.
 */
@Injectable()
export class SqliteWriteLock {
  private readonly mutex = new Mutex();

  run<T>(work: () => T | Promise<T>): Promise<T> {
    return this.mutex.runExclusive(work);
  }
}
