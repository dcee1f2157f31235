import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateNotFoundError, EventRegistry, EventStore, StoredEvent } from '../../event-sourcing';
import { Counter } from '../domain/counter.aggregate';
import { GetCounterEventsQuery } from './get-counter-events.query';

@QueryHandler(GetCounterEventsQuery)
export class GetCounterEventsHandler implements IQueryHandler<GetCounterEventsQuery> {
  constructor(
    private readonly store: EventStore,
    private readonly registry: EventRegistry,
  ) {}

  async execute({ counterId }: GetCounterEventsQuery): Promise<StoredEvent[]> {
    const events = await this.store.readStream(counterId);
    if (events.length === 0 || events[0].streamType !== Counter.streamType) throw new AggregateNotFoundError(Counter.streamType, counterId);
    // Shown as the current classes read them, so a client meets one shape per type.
    return events.map((event) => this.registry.upcast(event));
  }
}
