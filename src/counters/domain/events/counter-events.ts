import { CounterCreatedEvent } from './counter-created.event';
import { CounterDecrementedEvent } from './counter-decremented.event';
import { CounterIncrementedEvent } from './counter-incremented.event';
import { CounterResetEvent } from './counter-reset.event';

/** Every event class of the counter stream: registered with the store, handled by the view. */
export const counterEvents = [CounterCreatedEvent, CounterIncrementedEvent, CounterDecrementedEvent, CounterResetEvent];
