import type { EntityManager } from 'typeorm';
import { envelopeOf, Projection, ProjectionHandler, ReadModelTable, TypedEvent, typedEvent } from '../../event-sourcing';
import { CounterCreatedEvent } from '../domain/events/counter-created.event';
import { CounterDecrementedEvent } from '../domain/events/counter-decremented.event';
import { counterEvents } from '../domain/events/counter-events';
import { CounterIncrementedEvent } from '../domain/events/counter-incremented.event';
import { CounterResetEvent } from '../domain/events/counter-reset.event';
import { CounterView } from './counter-view.entity';

type CounterEventClass = (typeof counterEvents)[number];
type CounterEvent = InstanceType<CounterEventClass>;
type CounterChange = Exclude<TypedEvent<CounterEventClass>, { type: typeof CounterCreatedEvent.type }>;

export const COUNTER_VIEWS = 'counter_views';

const counterViews = new ReadModelTable(CounterView);

/** Keeps one `counter_views` row per counter; each batch reads and writes each touched row once. */
@Projection({ name: COUNTER_VIEWS, events: counterEvents })
export class CounterViewProjection implements ProjectionHandler<CounterEvent> {
  handle(event: CounterEvent, manager: EntityManager): Promise<void> {
    return this.handleBatch([event], manager);
  }

  async handleBatch(events: CounterEvent[], manager: EntityManager): Promise<void> {
    const views = counterViews.in(manager);
    const rows = await views.getMany(events.map((event) => event.counterId));
    for (const event of events) {
      const { version, position, occurredAt } = envelopeOf(event);
      const updatedAt = occurredAt.toISOString();
      const typed = typedEvent(counterEvents, event);
      if (typed.type === CounterCreatedEvent.type) {
        rows.set(event.counterId, { id: event.counterId, name: typed.event.name, value: 0, version, createdPosition: position, updatedAt });
        continue;
      }
      const row = rows.get(event.counterId);
      if (!row) throw new Error(`${typed.type} for counter ${event.counterId}, which the view has never seen created`);
      Object.assign(row, { value: nextValue(row.value, typed), version, updatedAt });
    }
    await views.upsert(rows.values());
  }

  reset(manager: EntityManager): Promise<void> {
    return counterViews.in(manager).clear();
  }
}

function nextValue(value: number, change: CounterChange): number {
  switch (change.type) {
    case CounterIncrementedEvent.type:
      return value + change.event.by;
    case CounterDecrementedEvent.type:
      return value - change.event.by;
    case CounterResetEvent.type:
      return 0;
    default: {
      const _exhaustive: never = change;
      throw new Error(`counter_views does not handle ${JSON.stringify(_exhaustive)}`);
    }
  }
}
