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

/**
 * An event beside its stored type, for one of the classes `C`: `switch (typed.type)` narrows
 * `typed.event`, and `const _exhaustive: never = typed` in the `default` branch makes an event
 * class added to `C` but not handled fail to compile.
 */
export type TypedEvent<C extends EventClass> = C extends EventClass<infer E> ? { readonly type: C['type']; readonly event: E } : never;

/** Tags `event` with its stored type; throws when its class is not one of `eventClasses`. */
export function typedEvent<C extends EventClass>(eventClasses: readonly C[], event: InstanceType<C>): TypedEvent<C> {
  const eventClass = eventClassOf(event);
  if (!eventClasses.includes(eventClass as C)) throw new Error(`${eventClass.type} is not one of ${eventClasses.map((c) => c.type).join(', ')}`);
  return { type: eventClass.type, event } as unknown as TypedEvent<C>;
}
