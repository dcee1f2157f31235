import { AggregateRoot } from '@nestjs/cqrs';
import { eventClassOf } from '../serialization/event-class';
import { MissingEventHandlerError } from './aggregate.errors';
import { applierOf } from './applies.decorator';

type EventApplier = (event: object) => void;

/**
 * An `AggregateRoot` whose state is the fold of its events and which knows its stream version.
 * Each event is applied by the method bound to its class with `@Applies(EventClass)`; declare
 * the stream's events with `@AggregateEvents([...])` so a missing one fails at startup. Those
 * methods must be pure.
 */
export abstract class EventSourcedAggregate extends AggregateRoot<object> {
  private appliedVersion = 0;

  constructor(readonly id: string) {
    super();
  }

  /** The version after every applied event, recorded or not yet saved. */
  get version(): number {
    return this.appliedVersion;
  }

  /** The version of the stream as last read from or written to the store. */
  get persistedVersion(): number {
    return this.appliedVersion - this.getUncommittedEvents().length;
  }

  /** Starts a blank aggregate from a snapshot: `restore` puts the state back, the version becomes `version`. */
  loadFromSnapshot(version: number, restore: () => void): void {
    if (this.appliedVersion !== 0) throw new Error(`${this.constructor.name} ${this.id} is not blank: cannot restore a snapshot into it`);
    restore();
    this.appliedVersion = version;
  }

  override apply<T extends object>(event: T, options?: boolean | { fromHistory?: boolean; skipHandler?: boolean }): void {
    super.apply(event, options as boolean);
    this.appliedVersion += 1;
  }

  /**
   * An independent copy at this version with nothing left to save: what a grouped update answers
   * a caller with once later changes have moved this aggregate on. The state fields are copied
   * with structuredClone (plain data, Map, Set, Date); override this when they hold class instances.
   */
  copy(): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as Record<string | symbol, unknown>;
    const uncommitted = this.getUncommittedEvents();
    for (const key of Reflect.ownKeys(this)) {
      const value = (this as unknown as Record<string | symbol, unknown>)[key];
      copy[key] = value === uncommitted ? [] : typeof value === 'function' ? value : structuredClone(value);
    }
    return copy as this;
  }

  protected override getEventHandler<T extends object>(event: T): never {
    const type = eventClassOf(event).type;
    const method = applierOf(Object.getPrototypeOf(this) as object, type);
    const applier = method === undefined ? undefined : (this as unknown as Record<string | symbol, EventApplier | undefined>)[method];
    if (typeof applier !== 'function') throw new MissingEventHandlerError(this.constructor.name, type);
    return applier as never;
  }
}
