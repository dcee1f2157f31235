import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AggregateNotFoundError } from '../../event-sourcing';
import { Counter } from '../domain/counter.aggregate';
import { CounterView } from '../projections/counter-view.entity';
import { GetCounterQuery } from './get-counter.query';

@QueryHandler(GetCounterQuery)
export class GetCounterHandler implements IQueryHandler<GetCounterQuery> {
  constructor(@InjectRepository(CounterView) private readonly views: Repository<CounterView>) {}

  async execute({ counterId }: GetCounterQuery): Promise<CounterView> {
    const view = await this.views.findOneBy({ id: counterId });
    if (!view) throw new AggregateNotFoundError(Counter.streamType, counterId);
    return view;
  }
}
