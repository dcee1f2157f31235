import { Injectable } from '@nestjs/common';
import { AggregateRepository, SnapshotPolicy } from '../event-sourcing';
import { Counter } from './domain/counter.aggregate';

@Injectable()
export class CounterRepository extends AggregateRepository<Counter> {
  protected readonly streamType = Counter.streamType;
  protected readonly snapshotPolicy = Counter.snapshots as SnapshotPolicy<Counter>;

  protected createEmpty(id: string): Counter {
    return new Counter(id);
  }
}
