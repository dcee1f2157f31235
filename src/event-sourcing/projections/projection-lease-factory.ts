import type { DataSource } from 'typeorm';
import { postgresClientConfig } from '../store/store-factories';
import { PostgresProjectionLease } from './postgres-projection-lease';
import type { EventSourcingOptions } from '../event-sourcing.options';
import { FollowOnlyLease, ProjectionLease, SingleProcessLease } from './projection-lease';

/**
 * The one place that decides which instance advances projections: none of them here when this
 * instance does not run projections; this process alone on a SQLite file (one writing process);
 * one instance at a time per projection when several share a PostgreSQL database.
 */
export function createProjectionLease(dataSource: DataSource, options: Pick<EventSourcingOptions, 'runProjections'>): ProjectionLease {
  if (!options.runProjections) return new FollowOnlyLease();
  if (dataSource.options.type !== 'postgres') return new SingleProcessLease();
  return new PostgresProjectionLease(postgresClientConfig(dataSource));
}
