import { AggregateEvents, Applies, EventSourcedAggregate, SnapshotPolicy } from '../../event-sourcing';
import { CounterBelowZeroError, CounterOverflowError } from './counter.errors';
import { CounterCreatedEvent } from './events/counter-created.event';
import { CounterDecrementedEvent } from './events/counter-decremented.event';
import { counterEvents } from './events/counter-events';
import { CounterIncrementedEvent } from './events/counter-incremented.event';
import { CounterResetEvent } from './events/counter-reset.event';

/** What a counter snapshot keeps (snapshot schema version 1). */
export interface CounterSnapshot {
  name: string;
  value: number;
}

/** A named, never-negative count: the tutorial's Counter, rebuilt from its events. */
@AggregateEvents(counterEvents)
export class Counter extends EventSourcedAggregate {
  static readonly streamType = 'Counter';

  /** Every SNAPSHOT_EVERY events; bump schemaVersion when CounterSnapshot changes. */
  static readonly snapshots: SnapshotPolicy<Counter, CounterSnapshot> = {
    schemaVersion: 1,
    take: (counter) => ({ name: counter.currentName, value: counter.currentValue }),
    restore: (counter, state) => {
      counter.currentName = state.name;
      counter.currentValue = state.value;
    },
  };

  private currentName = '';
  private currentValue = 0;

  get name(): string {
    return this.currentName;
  }

  get value(): number {
    return this.currentValue;
  }

  static create(id: string, name: string): Counter {
    const counter = new Counter(id);
    counter.apply(new CounterCreatedEvent(id, name));
    return counter;
  }

  increment(by: number): void {
    if (this.currentValue + by > Number.MAX_SAFE_INTEGER) throw new CounterOverflowError(this.id, this.currentValue, by);
    this.apply(new CounterIncrementedEvent(this.id, by));
  }

  decrement(by: number): void {
    if (this.currentValue - by < 0) throw new CounterBelowZeroError(this.id, this.currentValue, by);
    this.apply(new CounterDecrementedEvent(this.id, by));
  }

  reset(): void {
    this.apply(new CounterResetEvent(this.id, this.currentValue));
  }

  @Applies(CounterCreatedEvent)
  protected onCreated(event: CounterCreatedEvent): void {
    this.currentName = event.name;
    this.currentValue = 0;
  }

  @Applies(CounterIncrementedEvent)
  protected onIncremented(event: CounterIncrementedEvent): void {
    this.currentValue += event.by;
  }

  @Applies(CounterDecrementedEvent)
  protected onDecremented(event: CounterDecrementedEvent): void {
    this.currentValue -= event.by;
  }

  @Applies(CounterResetEvent)
  protected onReset(): void {
    this.currentValue = 0;
  }
}
