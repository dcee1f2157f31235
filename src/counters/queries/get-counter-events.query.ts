import { Query } from '@nestjs/cqrs';
import type { StoredEvent } from '../../event-sourcing';

/** The audit trail: read from the event store itself, not from a projection. */
export class GetCounterEventsQuery extends Query<StoredEvent[]> {
  constructor(readonly counterId: string) {
    super();
  }
}
