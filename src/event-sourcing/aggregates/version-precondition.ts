import { VersionMismatchError } from './aggregate.errors';
import type { EventSourcedAggregate } from './event-sourced-aggregate';

/**
 * Wraps a change so that it runs only while the aggregate is at one of `versions` (HTTP If-Match
 * with one or several tags; an empty list never matches). Checked inside the update, so a retry
 * after a lost race checks again on the fresh state: a version that moved meanwhile is a
 * VersionMismatchError (412), never a silent overwrite. `undefined`: no precondition.
 */
export function atVersions<A extends EventSourcedAggregate>(versions: readonly number[] | undefined, change: (aggregate: A) => void): (aggregate: A) => void {
  if (versions === undefined) return change;
  return (aggregate) => {
    if (!versions.includes(aggregate.version)) throw new VersionMismatchError(aggregate.constructor.name, aggregate.id, versions, aggregate.version);
    change(aggregate);
  };
}
