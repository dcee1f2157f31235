import type { ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { PostgresProjectionLease } from './postgres-projection-lease';
import { ProjectionLease, SingleProcessLease } from './projection-lease';

/** Several instances can share a PostgreSQL database; a SQLite file has one writing process. */
export function createProjectionLease(dataSource: DataSource): ProjectionLease {
  if (dataSource.options.type !== 'postgres') return new SingleProcessLease();
  const { url, extra } = dataSource.options as { url?: string; extra?: ClientConfig };
  return new PostgresProjectionLease({ ...extra, connectionString: url });
}
