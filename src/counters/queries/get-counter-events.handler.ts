import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateNotFoundError, EventRegistry, EventStore, StoredEvent } from '../../event-sourcing';
import { displayedEvent } from '../../http/displayed-event';
import { Counter } from '../domain/counter.aggregate';
import { GetCounterEventsQuery } from './get-counter-events.query';

@QueryHandler(GetCounterEventsQuery)
export class GetCounterEventsHandler implements IQueryHandler<GetCounterEventsQuery> {
  constructor(
    private readonly store: EventStore,
    private readonly registry: EventRegistry,
  ) {}

  async execute({ counterId, after, limit }: GetCounterEventsQuery): Promise<StoredEvent[]> {
    // Stream versions have no gaps, so a page is a version range.
    const events = await this.store.readStream(counterId, { fromVersion: after + 1, toVersion: after + limit });
    const first = after === 0 ? events[0] : (await this.store.readStream(counterId, { fromVersion: 1, toVersion: 1 }))[0];
    if (first?.streamType !== Counter.streamType) throw new AggregateNotFoundError(Counter.streamType, counterId);
    // Shown as the current classes read them, so a client meets one shape per type.
    return events.map((event) => displayedEvent(this.registry, event));
  }
}
