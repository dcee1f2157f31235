import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CounterView } from '../projections/counter-view.entity';
import { ListCountersQuery } from './list-counters.query';

/** Oldest first, so that paging with offset is stable while counters are being created. */
@QueryHandler(ListCountersQuery)
export class ListCountersHandler implements IQueryHandler<ListCountersQuery> {
  constructor(@InjectRepository(CounterView) private readonly views: Repository<CounterView>) {}

  async execute({ limit, offset }: ListCountersQuery) {
    const [items, total] = await this.views.findAndCount({ order: { createdPosition: 'ASC' }, take: limit, skip: offset });
    return { items, total };
  }
}
