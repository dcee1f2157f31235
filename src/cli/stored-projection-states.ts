import { DataSource, DataSourceOptions } from 'typeorm';
import type { Environment } from '../config/environment';
import { typeOrmOptions } from '../database/typeorm-options';

export interface StoredProjectionState {
  name: string;
  position: number;
  headPosition: number;
  lag: number;
  status: string;
  lastError: string | null;
  updatedAt: string;
}

interface CheckpointRow {
  name: string;
  position: string | number;
  status: string;
  last_error: string | null;
  updated_at: string | Date;
}

/**
 * What the database says about the projections: each stored checkpoint against the head of the
 * log. Reads only (a read-only connection on SQLite, no migrations), so it is safe beside a
 * running service and starts no projection.
 */
export async function readStoredProjectionStates(env: Environment): Promise<StoredProjectionState[]> {
  const options = typeOrmOptions(env);
  const dataSource = new DataSource(
    options.type === 'better-sqlite3'
      ? { ...options, migrationsRun: false, readonly: true, fileMustExist: true }
      : { ...options, migrationsRun: false, poolSize: 1 } as DataSourceOptions,
  );
  await dataSource.initialize().catch((error: unknown) => {
    throw new Error(`cannot read the database at ${env.DATABASE_URL}: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const [{ head }] = (await dataSource.query('SELECT COALESCE(MAX(position), 0) AS head FROM events')) as { head: string | number }[];
    const rows = (await dataSource.query('SELECT name, position, status, last_error, updated_at FROM projection_checkpoints ORDER BY name')) as CheckpointRow[];
    const headPosition = Number(head);
    return rows.map((row) => ({
      name: row.name,
      position: Number(row.position),
      headPosition,
      lag: Math.max(0, headPosition - Number(row.position)),
      status: row.status,
      lastError: row.last_error,
      updatedAt: asUtc(row.updated_at).toISOString(),
    }));
  } finally {
    await dataSource.destroy();
  }
}

// TypeORM stores a SQLite datetime as UTC text without a zone ('2026-11-30 17:00:00.000').
function asUtc(value: string | Date): Date {
  return value instanceof Date ? value : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
