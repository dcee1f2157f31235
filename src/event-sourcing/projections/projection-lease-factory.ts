import type { DataSource } from 'typeorm';
import { postgresClientConfig } from '../store/store-factories';
import { PostgresProjectionLease } from './postgres-projection-lease';
import { ProjectionLease, SingleProcessLease } from './projection-lease';

/** Several instances can share a PostgreSQL database; a SQLite file has one writing process. */
export function createProjectionLease(dataSource: DataSource): ProjectionLease {
  if (dataSource.options.type !== 'postgres') return new SingleProcessLease();
  return new PostgresProjectionLease(postgresClientConfig(dataSource));
}
