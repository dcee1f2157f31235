import type { Upcaster } from '../../../event-sourcing';
import { CounterCreatedEvent } from './counter-created.event';
import { CounterDecrementedEvent } from './counter-decremented.event';
import { CounterIncrementedEvent, counterIncrementedV1ToV2 } from './counter-incremented.event';
import { CounterResetEvent } from './counter-reset.event';

/** Every event class of the counter stream: registered with the store, handled by the view. */
export const counterEvents = [CounterCreatedEvent, CounterIncrementedEvent, CounterDecrementedEvent, CounterResetEvent];

/** What reads the older schema versions still in the store. */
export const counterUpcasters: Upcaster[] = [counterIncrementedV1ToV2];
