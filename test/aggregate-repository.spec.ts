import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ConcurrencyError, EventRegistry, EventStore, newCommandContext, VersionMismatchError } from '../src/event-sourcing';
import { CounterRepository } from '../src/counters/counter.repository';
import { counterWriteProviders } from '../src/counters/counter-write.providers';
import { Counter } from '../src/counters/domain/counter.aggregate';
import { CounterIncrementedEvent } from '../src/counters/domain/events/counter-incremented.event';
import { startInMemoryApp } from '../src/event-sourcing/testing';

/** Races the repository the way another process would: by appending straight to the store. */
describe('AggregateRepository.update against a competing writer', () => {
  let app: INestApplicationContext;
  let counters: CounterRepository;
  let store: EventStore;
  let registry: EventRegistry;

  beforeAll(async () => {
    app = await startInMemoryApp({ providers: counterWriteProviders, options: { commandMaxAttempts: 3 } });
    counters = app.get(CounterRepository);
    store = app.get(EventStore);
    registry = app.get(EventRegistry);
  });
  afterAll(() => app.close());

  async function newCounter(): Promise<string> {
    const counter = Counter.create(randomUUID(), 'raced');
    await counters.create(counter, newCommandContext());
    return counter.id;
  }

  function competingIncrement(id: string) {
    const event = { ...registry.serialize(new CounterIncrementedEvent(id, 10)), metadata: { eventId: randomUUID(), correlationId: 'x', causationId: 'x' }, occurredAt: new Date() };
    return store.appendToStream(id, Counter.streamType, [event], 'any');
  }

  it('retries a lost race on fresh state, so neither write is lost', async () => {
    const id = await newCounter();
    let raced = false;
    const result = await counters.update(
      id,
      (counter) => {
        counter.increment(1);
        if (!raced) void competingIncrement(id).then(() => (raced = true));
      },
      { context: newCommandContext() },
    );
    expect(raced).toBe(true);
    expect([result.aggregate.value, result.version]).toEqual([11, 3]);
    expect((await counters.load(id)).value).toBe(11);
  });

  it('gives up with a ConcurrencyError after COMMAND_MAX_ATTEMPTS lost races, having written only the rivals', async () => {
    const id = await newCounter();
    let attempts = 0;
    const rivals: Promise<unknown>[] = [];
    const update = counters.update(
      id,
      (counter) => {
        attempts += 1;
        counter.increment(1);
        rivals.push(competingIncrement(id));
      },
      { context: newCommandContext() },
    );
    await expect(update).rejects.toThrow(ConcurrencyError);
    await Promise.all(rivals);
    expect(attempts).toBe(3);
    expect((await store.readStream(id)).map((e) => e.data.by ?? 'created')).toEqual(['created', 10, 10, 10]);
  });

  it('does not retry when the caller named the version: it reports the mismatch', async () => {
    const id = await newCounter();
    const update = counters.update(
      id,
      (counter) => {
        counter.increment(1);
        void competingIncrement(id);
      },
      { context: newCommandContext(), expectedVersion: 1 },
    );
    await expect(update).rejects.toThrow(VersionMismatchError);
    expect(await store.readStream(id)).toHaveLength(2);
  });
});
