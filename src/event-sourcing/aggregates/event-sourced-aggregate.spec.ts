import { EventSourcedAggregate } from './event-sourced-aggregate';
import { MissingEventHandlerError } from './aggregate.errors';

class Happened {
  static readonly type = 'Happened';
  static readonly version = 1;
}

class Forgotten {
  static readonly type = 'Forgotten';
  static readonly version = 1;
}

class Thing extends EventSourcedAggregate {
  count = 0;
  protected onHappened(): void {
    this.count += 1;
  }
}

describe('EventSourcedAggregate', () => {
  it('applies an event through the on<StoredType> method and counts versions', () => {
    const thing = new Thing('t');
    thing.loadFromHistory([new Happened(), new Happened()]);
    thing.apply(new Happened());
    expect([thing.count, thing.version, thing.persistedVersion]).toEqual([3, 3, 2]);
  });

  it('throws instead of silently skipping an event it has no method for', () => {
    expect(() => new Thing('t').loadFromHistory([new Forgotten()])).toThrow(MissingEventHandlerError);
  });
});
