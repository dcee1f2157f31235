import { registerEvents, registerUpcasters } from '../event-sourcing';
import { CounterRepository } from './counter.repository';
import { counterEvents, counterUpcasters } from './domain/events/counter-events';

/**
 * The counters' write side as the core needs it (event classes, upcasters, repository): listed by
 * CountersModule, and by specs that run it on the in-memory core without HTTP or a database.
 */
export const counterWriteProviders = [registerEvents(...counterEvents), registerUpcasters(...counterUpcasters), CounterRepository];
