import { Client, ClientConfig } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { CHRONICLE_LOCK_SPACE, MIGRATION_LOCK } from '../store/postgres-advisory-locks';

/**
 * Opens the DataSource (which runs pending migrations). On PostgreSQL that happens under a
 * session advisory lock, so instances started together apply each migration once: the others
 * wait, then find nothing left to run.
 */
export async function initializeDataSource(options: DataSourceOptions): Promise<DataSource> {
  if (options.type !== 'postgres') return new DataSource(options).initialize();
  const lock = new Client({ ...(options.extra as ClientConfig | undefined), connectionString: options.url });
  lock.on('error', () => undefined); // the session ends below either way
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1, $2)', [CHRONICLE_LOCK_SPACE, MIGRATION_LOCK]);
    return await new DataSource(options).initialize();
  } finally {
    await lock.end().catch(() => undefined); // ending the session releases the lock
  }
}
