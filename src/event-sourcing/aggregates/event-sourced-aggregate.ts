import { AggregateRoot } from '@nestjs/cqrs';
import { eventClassOf } from '../serialization/event-class';
import { MissingEventHandlerError } from './aggregate.errors';

type EventApplier = (event: object) => void;

/**
 * An `AggregateRoot` whose state is the fold of its events and which knows its stream version.
 * An event of stored type `CounterIncremented` is applied by the method `onCounterIncremented`;
 * a missing method is an error, never a silent no-op. Those methods must be pure.
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

  protected override getEventHandler<T extends object>(event: T): never {
    const type = eventClassOf(event).type;
    const applier = (this as unknown as Record<string, EventApplier | undefined>)[`on${type}`];
    if (typeof applier !== 'function') throw new MissingEventHandlerError(this.constructor.name, type);
    return applier as never;
  }
}
