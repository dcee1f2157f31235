import type { DataSourceOptions } from 'typeorm';
import type Database from 'better-sqlite3';
import { Environment } from '../config/environment';
import { parseDatabaseUrl } from './database-url';
import { migrations } from './migrations/all-migrations';

/**
 * Entities are listed by the modules that own them (autoLoadEntities); the schema comes only from
 * migrations, run at start-up.
 */
export function typeOrmOptions(env: Environment): DataSourceOptions {
  const target = parseDatabaseUrl(env.DATABASE_URL);
  const common = { migrations, migrationsRun: true, synchronize: false, logging: ['error' as const] };
  if (target.kind === 'postgres') {
    return { ...common, type: 'postgres', url: target.url, poolSize: env.DATABASE_POOL_SIZE, extra: postgresClientSettings(env) };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: target.file,
    timeout: 5000,
    // WAL lets readers run beside the single writer; synchronous=FULL fsyncs the WAL on every
    // commit, so an acknowledged write survives a power loss, not only a process crash.
    prepareDatabase: (db: Database.Database) => {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${env.SQLITE_SYNCHRONOUS}`);
      db.pragma('busy_timeout = 5000');
    },
  };
}

/** pg client settings shared by the pool and the projection-ownership connection. */
export function postgresClientSettings(env: Environment) {
  return {
    // A server that does not answer fails a connection attempt instead of hanging a request.
    connectionTimeoutMillis: 10_000,
    statement_timeout: env.DATABASE_STATEMENT_TIMEOUT_MS || undefined,
    application_name: 'chronicle',
  };
}
