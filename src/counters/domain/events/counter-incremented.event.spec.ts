import { EventRegistry, StoredEvent } from '../../../event-sourcing';
import { counterEvents, counterUpcasters } from './counter-events';
import { CounterIncrementedEvent } from './counter-incremented.event';

function storedIncrement(schemaVersion: number, data: Record<string, unknown>): StoredEvent {
  return {
    position: 2,
    streamId: 'c-1',
    streamType: 'Counter',
    version: 2,
    type: 'CounterIncremented',
    schemaVersion,
    data,
    metadata: { eventId: 'e', correlationId: 'c', causationId: 'c' },
    occurredAt: new Date(),
  };
}

describe('CounterIncremented schema versions', () => {
  const registry = new EventRegistry();
  registry.register(...counterEvents);
  registry.registerUpcasters(...counterUpcasters);

  it('reads a v1 increment without `by` as +1', () => {
    const event = registry.deserialize(storedIncrement(1, { counterId: 'c-1' }));
    expect(event).toBeInstanceOf(CounterIncrementedEvent);
    expect((event as CounterIncrementedEvent).by).toBe(1);
  });

  it('keeps the `by` of a v1 row that already carries it', () => {
    expect((registry.deserialize(storedIncrement(1, { counterId: 'c-1', by: 7 })) as CounterIncrementedEvent).by).toBe(7);
  });

  it('writes v2 with `by`', () => {
    expect(registry.serialize(new CounterIncrementedEvent('c-1', 3))).toEqual({
      type: 'CounterIncremented',
      schemaVersion: 2,
      data: { counterId: 'c-1', by: 3 },
    });
  });
});
