import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CounterRepository } from '../counter.repository';
import { CounterState, GetCounterStateQuery } from './get-counter-state.query';

@QueryHandler(GetCounterStateQuery)
export class GetCounterStateHandler implements IQueryHandler<GetCounterStateQuery> {
  constructor(private readonly counters: CounterRepository) {}

  async execute({ counterId, point }: GetCounterStateQuery): Promise<CounterState> {
    const { aggregate, asOf } = await this.counters.loadAt(counterId, point);
    return { id: aggregate.id, name: aggregate.name, value: aggregate.value, version: aggregate.version, asOf };
  }
}
