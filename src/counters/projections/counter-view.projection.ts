import { EntityManager, In } from 'typeorm';
import { envelopeOf, Projection, ProjectionHandler } from '../../event-sourcing';
import { CounterCreatedEvent } from '../domain/events/counter-created.event';
import { CounterDecrementedEvent } from '../domain/events/counter-decremented.event';
import { counterEvents } from '../domain/events/counter-events';
import { CounterIncrementedEvent } from '../domain/events/counter-incremented.event';
import { CounterResetEvent } from '../domain/events/counter-reset.event';
import { CounterView } from './counter-view.entity';

type CounterEvent = CounterCreatedEvent | CounterIncrementedEvent | CounterDecrementedEvent | CounterResetEvent;

export const COUNTER_VIEWS = 'counter_views';

/** Keeps one `counter_views` row per counter; each batch reads and writes each touched row once. */
@Projection({ name: COUNTER_VIEWS, events: counterEvents })
export class CounterViewProjection implements ProjectionHandler<CounterEvent> {
  handle(event: CounterEvent, manager: EntityManager): Promise<void> {
    return this.handleBatch([event], manager);
  }

  async handleBatch(events: CounterEvent[], manager: EntityManager): Promise<void> {
    const ids = [...new Set(events.map((event) => event.counterId))];
    const rows = new Map((await manager.findBy(CounterView, { id: In(ids) })).map((row) => [row.id, row]));
    for (const event of events) {
      const { version, position, occurredAt } = envelopeOf(event);
      const updatedAt = occurredAt.toISOString();
      if (event instanceof CounterCreatedEvent) {
        rows.set(event.counterId, { id: event.counterId, name: event.name, value: 0, version, createdPosition: position, updatedAt });
        continue;
      }
      const row = rows.get(event.counterId);
      if (!row) throw new Error(`${event.constructor.name} for counter ${event.counterId}, which the view has never seen created`);
      Object.assign(row, { value: nextValue(row.value, event), version, updatedAt });
    }
    if (rows.size > 0) await manager.upsert(CounterView, [...rows.values()], ['id']);
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
