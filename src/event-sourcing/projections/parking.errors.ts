/** Parking asked for something the projection's state does not allow (HTTP 409). */
export abstract class ParkingConflictError extends Error {}

export class NothingToParkError extends ParkingConflictError {
  constructor(readonly projection: string) {
    super(`Projection ${projection} is not failing: there is no event to park`);
    this.name = 'NothingToParkError';
  }
}

export class ParkedPositionMismatchError extends ParkingConflictError {
  constructor(
    readonly projection: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Projection ${projection} holds at the event at position ${actual}, not ${expected}: nothing was parked`);
    this.name = 'ParkedPositionMismatchError';
  }
}

/** No such parked event (HTTP 404). */
export class ParkedEventNotFoundError extends Error {
  constructor(
    readonly projection: string,
    readonly position: number,
  ) {
    super(`Projection ${projection} has no parked event at position ${position}`);
    this.name = 'ParkedEventNotFoundError';
  }
}

/** A retried parked event failed again: it stays parked (HTTP 422). */
export class ParkedEventStillFailingError extends Error {
  constructor(
    readonly projection: string,
    readonly position: number,
    reason: string,
  ) {
    super(`The parked event at position ${position} still fails in ${projection}: ${reason}; it stays parked`);
    this.name = 'ParkedEventStillFailingError';
  }
}
