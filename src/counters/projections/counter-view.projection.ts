import type { EntityManager } from 'typeorm';
import { envelopeOf, Projection, ProjectionHandler } from '../../event-sourcing';
import { CounterCreatedEvent } from '../domain/events/counter-created.event';
import { CounterDecrementedEvent } from '../domain/events/counter-decremented.event';
import { counterEvents } from '../domain/events/counter-events';
import { CounterIncrementedEvent } from '../domain/events/counter-incremented.event';
import { CounterResetEvent } from '../domain/events/counter-reset.event';
import { CounterView } from './counter-view.entity';

type CounterEvent = CounterCreatedEvent | CounterIncrementedEvent | CounterDecrementedEvent | CounterResetEvent;

export const COUNTER_VIEWS = 'counter_views';

@Projection({ name: COUNTER_VIEWS, events: counterEvents })
export class CounterViewProjection implements ProjectionHandler<CounterEvent> {
  async handle(event: CounterEvent, manager: EntityManager): Promise<void> {
    const { version, position, occurredAt } = envelopeOf(event);
    const updatedAt = occurredAt.toISOString();
    if (event instanceof CounterCreatedEvent) {
      await manager.insert(CounterView, { id: event.counterId, name: event.name, value: 0, version, createdPosition: position, updatedAt });
      return;
    }
    const view = await manager.findOneByOrFail(CounterView, { id: event.counterId });
    await manager.update(CounterView, { id: view.id }, { value: nextValue(view.value, event), version, updatedAt });
  }

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(CounterView);
  }
}

function nextValue(value: number, event: Exclude<CounterEvent, CounterCreatedEvent>): number {
  if (event instanceof CounterIncrementedEvent) return value + event.by;
  if (event instanceof CounterDecrementedEvent) return value - event.by;
  return 0;
}
