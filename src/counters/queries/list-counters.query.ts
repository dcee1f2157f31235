import { Query } from '@nestjs/cqrs';
import type { CounterView } from '../projections/counter-view.entity';

export class ListCountersQuery extends Query<{ items: CounterView[]; total: number }> {
  constructor(
    readonly limit: number,
    readonly offset: number,
  ) {
    super();
  }
}
