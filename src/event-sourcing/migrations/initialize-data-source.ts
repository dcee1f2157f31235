import { Logger } from '@nestjs/common';
import { Client, ClientConfig } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { CHRONICLE_LOCK_SPACE, MIGRATION_LOCK } from '../store/postgres-advisory-locks';

/**
 * Opens the DataSource (which runs pending migrations). On PostgreSQL that happens under a
 * session advisory lock, so instances started together apply each migration once: the others
 * wait, then find nothing left to run.
 */
export async function initializeDataSource(options: DataSourceOptions): Promise<DataSource> {
  if (options.type !== 'postgres') return openAndMigrate(options);
  const lock = new Client({ ...(options.extra as ClientConfig | undefined), connectionString: options.url });
  lock.on('error', () => undefined); // the session ends below either way
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1, $2)', [CHRONICLE_LOCK_SPACE, MIGRATION_LOCK]);
    return await openAndMigrate(options);
  } finally {
    await lock.end().catch(() => undefined); // ending the session releases the lock
  }
}

/** Opens the DataSource, then runs the pending migrations (when `migrationsRun`) and logs which ran. */
async function openAndMigrate(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  if (!options.migrationsRun) return dataSource;
  try {
    const applied = await dataSource.runMigrations({ transaction: options.migrationsTransactionMode ?? 'all' });
    const logger = new Logger('Migrations');
    if (applied.length > 0) logger.log(`applied ${applied.length}: ${applied.map((migration) => migration.name).join(', ')}`);
    else logger.log('schema up to date');
    return dataSource;
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}
