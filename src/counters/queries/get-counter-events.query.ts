import { Query } from '@nestjs/cqrs';
import type { StoredEvent } from '../../event-sourcing';

/** One page of the audit trail (the events after stream version `after`), read from the event store itself. */
export class GetCounterEventsQuery extends Query<StoredEvent[]> {
  constructor(
    readonly counterId: string,
    readonly after: number,
    readonly limit: number,
  ) {
    super();
  }
}
