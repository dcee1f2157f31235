/** The stream of an aggregate has no events. */
export class AggregateNotFoundError extends Error {
  constructor(
    readonly streamType: string,
    readonly id: string,
  ) {
    super(`${streamType} ${id} not found`);
    this.name = 'AggregateNotFoundError';
  }
}

/** The aggregate exists, but not at the version or time asked for (before it was created, or beyond its last version). */
export class PastStateNotFoundError extends AggregateNotFoundError {
  constructor(streamType: string, id: string, reason: string) {
    super(streamType, id);
    this.message = `${streamType} ${id} ${reason}`;
    this.name = 'PastStateNotFoundError';
  }
}

/** The caller named the version(s) it expects (HTTP If-Match) and the aggregate is at another one. */
export class VersionMismatchError extends Error {
  constructor(
    readonly streamType: string,
    readonly id: string,
    readonly expected: number | readonly number[],
    readonly actual: number,
  ) {
    const named = [expected].flat();
    super(`${streamType} ${id} is at version ${actual}, not ${named.length > 0 ? named.join(' or ') : 'one a strong If-Match tag names'}`);
    this.name = 'VersionMismatchError';
  }
}

/** Base of every broken business rule: the command is well-formed but the domain refuses it. */
export abstract class BusinessRuleError extends Error {}

/** An aggregate has no `@Applies` method for one of its events. */
export class MissingEventHandlerError extends Error {
  constructor(aggregate: string, type: string) {
    super(`${aggregate} has no @Applies(...) method for '${type}'`);
    this.name = 'MissingEventHandlerError';
  }
}
