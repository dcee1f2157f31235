/** A reader asked for a position its projections did not reach in time (HTTP 503, Retry-After). */
export class ProjectionLagError extends Error {
  constructor(
    readonly projections: string[],
    readonly position: number,
    readonly waitedMs: number,
  ) {
    super(`Projection ${projections.join(', ')} has not reached position ${position} after ${waitedMs} ms; retry later`);
    this.name = 'ProjectionLagError';
  }
}
