import type { EntityManager } from 'typeorm';

/**
 * What `claim` found: the projection was already ours ('held'), just became ours ('acquired':
 * its checkpoint may have been moved by the previous holder, so reload it), or another instance
 * advances it ('elsewhere').
 */
export type LeaseClaim = 'held' | 'acquired' | 'elsewhere';

/** A holder wrote to a projection it no longer owns; its transaction is rolled back. */
export class ProjectionLeaseLostError extends Error {
  constructor(
    readonly projection: string,
    readonly expectedPosition: number,
    readonly actualPosition: number | null,
  ) {
    super(`Projection ${projection} is no longer owned here (checkpoint ${actualPosition}, expected ${expectedPosition})`);
    this.name = 'ProjectionLeaseLostError';
  }
}

/**
 * Which app instance advances which projection. With one process (SQLite) that is always this one;
 * with several instances on PostgreSQL, one instance at a time per projection, and another takes
 * over within seconds when the holder dies.
 */
export abstract class ProjectionLease {
  /** Whether other instances may hold projections, so a non-holder must read their checkpoints. */
  abstract readonly shared: boolean;

  abstract claim(projection: string): Promise<LeaseClaim>;

  /**
   * Runs first inside every transaction that moves the checkpoint: refuses (by throwing
   * ProjectionLeaseLostError) when the checkpoint is not where this holder left it, so even two
   * instances that both believe they hold a projection cannot apply an event twice.
   */
  abstract fence(manager: EntityManager, projection: string, expectedPosition: number): Promise<void>;

  /** Gives up a projection (after a fence refused), so the next claim reloads its checkpoint. */
  abstract forget(projection: string): void;

  abstract releaseAll(): Promise<void>;
}

/** One process owns every projection: SQLite, where only one process may write anyway. */
export class SingleProcessLease extends ProjectionLease {
  readonly shared = false;

  async claim(): Promise<LeaseClaim> {
    return 'held';
  }

  async fence(): Promise<void> {}

  forget(): void {}

  async releaseAll(): Promise<void> {}
}

/**
 * An instance that never advances projections (RUN_PROJECTIONS=false): it only follows the
 * checkpoints other instances write, so read-your-writes still works on it.
 */
export class FollowOnlyLease extends ProjectionLease {
  readonly shared = true;

  async claim(): Promise<LeaseClaim> {
    return 'elsewhere';
  }

  async fence(_manager: EntityManager, projection: string, expectedPosition: number): Promise<void> {
    throw new ProjectionLeaseLostError(projection, expectedPosition, null);
  }

  forget(): void {}

  async releaseAll(): Promise<void> {}
}
