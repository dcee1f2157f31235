/**
 * An event class as the store knows it: a stable stored name and a schema version, both declared
 * on the class and never derived from its JavaScript name.
 *
 * ```ts
 * export class CounterIncrementedEvent {
 *   static readonly type = 'CounterIncremented';
 *   static readonly version = 1;
 *   constructor(readonly counterId: string, readonly by: number) {}
 * }
 * ```
 */
export interface EventClass<E extends object = object> {
  new (...args: never[]): E;
  readonly type: string;
  readonly version: number;
}

export function eventClassOf(event: object): EventClass {
  const eventClass = event.constructor as Partial<EventClass>;
  if (typeof eventClass.type !== 'string' || typeof eventClass.version !== 'number') {
    throw new Error(`${event.constructor.name} is not an event class: it must declare static 'type' and 'version'`);
  }
  return eventClass as EventClass;
}
