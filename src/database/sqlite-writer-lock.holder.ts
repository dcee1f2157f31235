import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Environment } from '../config/environment';
import { parseDatabaseUrl } from './database-url';
import { DatabaseHeldError, SqliteWriterLock } from './sqlite-writer-lock';

/** On SQLite, the app holds the writer lock while it runs, and does not start while another process does. */
@Injectable()
export class SqliteWriterLockHolder implements OnModuleInit, OnApplicationShutdown {
  private lock: SqliteWriterLock | null = null;

  constructor(private readonly env: Environment) {}

  onModuleInit(): void {
    const target = parseDatabaseUrl(this.env.DATABASE_URL);
    if (target.kind !== 'sqlite' || target.file === ':memory:') return;
    this.lock = SqliteWriterLock.tryAcquire(target.file);
    if (!this.lock) throw new DatabaseHeldError(target.file);
  }

  onApplicationShutdown(): void {
    this.lock?.release();
    this.lock = null;
  }
}
