import type { ProjectionStatus } from './projection-checkpoint.entity';

/**
 * Where a projection stands, as this process last saw it: a frozen value, replaced (never
 * changed) on every move, so the CLI, the health check and GET /projections read it freely.
 */
export interface ProjectionProgress {
  readonly name: string;
  /** The last global position applied (or, on an instance that does not hold it, the holder's). */
  readonly position: number;
  readonly status: ProjectionStatus;
  readonly lastError: string | null;
  readonly updatedAt: Date;
}

export function projectionProgress(progress: ProjectionProgress): ProjectionProgress {
  return Object.freeze({ ...progress });
}
