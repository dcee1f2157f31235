/** A read model cannot answer right now (HTTP 503 with Retry-After): the caller should retry. */
export abstract class ReadModelUnavailableError extends Error {}

/** A reader asked for a position its projections did not reach in time. */
export class ProjectionLagError extends ReadModelUnavailableError {
  constructor(
    readonly projections: string[],
    readonly position: number,
    readonly waitedMs: number,
  ) {
    super(`Projection ${projections.join(', ')} has not reached position ${position} after ${waitedMs} ms; retry later`);
    this.name = 'ProjectionLagError';
  }
}

/** The projection is being rebuilt from position 0: its rows are incomplete until it finishes. */
export class ProjectionRebuildingError extends ReadModelUnavailableError {
  constructor(readonly projection: string) {
    super(`Projection ${projection} is being rebuilt; retry later`);
    this.name = 'ProjectionRebuildingError';
  }
}
