import { Injectable } from '@nestjs/common';
import { AggregateRepository } from '../event-sourcing';
import { Counter } from './domain/counter.aggregate';

@Injectable()
export class CounterRepository extends AggregateRepository<Counter> {
  protected readonly streamType = Counter.streamType;

  protected blank(id: string): Counter {
    return new Counter(id);
  }
}
