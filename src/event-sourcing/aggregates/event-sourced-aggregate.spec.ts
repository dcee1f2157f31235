import { AggregateEvents, Applies } from './applies.decorator';
import { EventSourcedAggregate } from './event-sourced-aggregate';
import { MissingEventHandlerError } from './aggregate.errors';

class Happened {
  static readonly type = 'Happened';
  static readonly version = 1;
  constructor(readonly tag = 'x') {}
}

class Forgotten {
  static readonly type = 'Forgotten';
  static readonly version = 1;
}

@AggregateEvents([Happened])
class Thing extends EventSourcedAggregate {
  count = 0;
  tags = new Set<string>();

  @Applies(Happened)
  protected onHappened(event: Happened): void {
    this.count += 1;
    this.tags.add(event.tag);
  }
}

describe('EventSourcedAggregate', () => {
  it('applies each event through the method bound to its class and counts versions', () => {
    const thing = new Thing('t');
    thing.loadFromHistory([new Happened(), new Happened()]);
    thing.apply(new Happened());
    expect([thing.count, thing.version, thing.persistedVersion]).toEqual([3, 3, 2]);
  });

  it('throws instead of silently skipping an event it has no applier for', () => {
    expect(() => new Thing('t').loadFromHistory([new Forgotten()])).toThrow(MissingEventHandlerError);
  });

  it('refuses to define an aggregate that declares an event without an applier', () => {
    expect(() => {
      @AggregateEvents([Happened, Forgotten])
      class Incomplete extends EventSourcedAggregate {
        @Applies(Happened)
        protected onHappened(): void {}
      }
      return Incomplete;
    }).toThrow("Incomplete has no @Applies(...) method for 'Forgotten'");
  });

  it('copies itself into an independent instance at the same version with nothing left to save', () => {
    const thing = new Thing('t');
    thing.loadFromHistory([new Happened('a')]);
    thing.apply(new Happened('b'));
    const copy = thing.copy();
    thing.apply(new Happened('c'));

    expect(copy).toBeInstanceOf(Thing);
    expect([copy.count, [...copy.tags], copy.version, copy.getUncommittedEvents().length]).toEqual([2, ['a', 'b'], 2, 0]);
    expect([thing.count, [...thing.tags], thing.getUncommittedEvents().length]).toEqual([3, ['a', 'b', 'c'], 2]);
  });
});
