import { Query } from '@nestjs/cqrs';
import type { CounterView } from '../projections/counter-view.entity';

export class GetCounterQuery extends Query<CounterView> {
  constructor(readonly counterId: string) {
    super();
  }
}
