import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateNotFoundError } from '../../event-sourcing';
import { Counter } from '../domain/counter.aggregate';
import { CounterView } from '../projections/counter-view.entity';
import { CounterViewReader } from './counter-view.reader';
import { GetCounterQuery } from './get-counter.query';

@QueryHandler(GetCounterQuery)
export class GetCounterHandler implements IQueryHandler<GetCounterQuery> {
  constructor(private readonly views: CounterViewReader) {}

  async execute({ counterId }: GetCounterQuery): Promise<CounterView> {
    const view = await this.views.findById(counterId);
    if (!view) throw new AggregateNotFoundError(Counter.streamType, counterId);
    return view;
  }
}
