import type { EventClass } from '../serialization/event-class';
import { MissingEventHandlerError } from './aggregate.errors';

type Applier<E> = (event: E) => void;

/** Stored event type -> name of the method applying it, per aggregate prototype. */
const appliersByPrototype = new WeakMap<object, Map<string, string | symbol>>();

/**
 * Binds an event-applying method to its event class, so that the compiler checks the method's
 * parameter and renaming the stored type cannot break the binding:
 *
 * ```ts
 * @Applies(CounterIncrementedEvent)
 * protected onIncremented(event: CounterIncrementedEvent): void { this.value += event.by; }
 * ```
 */
export function Applies<E extends object>(eventClass: EventClass<E>) {
  return <M extends Applier<E>>(prototype: object, method: string | symbol, _descriptor: TypedPropertyDescriptor<M>): void => {
    const own = appliersByPrototype.get(prototype) ?? new Map<string, string | symbol>();
    if (own.has(eventClass.type)) throw new Error(`${prototype.constructor.name} applies '${eventClass.type}' twice`);
    own.set(eventClass.type, method);
    appliersByPrototype.set(prototype, own);
  };
}

/**
 * Declares every event class of the aggregate's stream: defining the class throws when one of
 * them has no `@Applies` method, so a forgotten applier fails at startup, not at its first event.
 */
export function AggregateEvents(eventClasses: readonly EventClass[]) {
  return (aggregateClass: abstract new (...args: never[]) => object): void => {
    const missing = eventClasses.find((eventClass) => applierOf(aggregateClass.prototype, eventClass.type) === undefined);
    if (missing) throw new MissingEventHandlerError(aggregateClass.name, missing.type);
  };
}

/** The method applying events of `type`, looked up along the prototype chain (appliers are inherited). */
export function applierOf(prototype: object | null, type: string): string | symbol | undefined {
  for (let current = prototype; current; current = Object.getPrototypeOf(current) as object | null) {
    const method = appliersByPrototype.get(current)?.get(type);
    if (method !== undefined) return method;
  }
  return undefined;
}
