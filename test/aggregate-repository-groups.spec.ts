import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AggregateRepository, AggregateRepositoryDeps, EventStore, newCommandContext, VersionMismatchError } from '../src/event-sourcing';
import { CounterRepository } from '../src/counters/counter.repository';
import { counterWriteProviders } from '../src/counters/counter-write.providers';
import { Counter } from '../src/counters/domain/counter.aggregate';
import { CounterBelowZeroError } from '../src/counters/domain/counter.errors';
import { startInMemoryApp } from '../src/event-sourcing/testing';

/** The Counter without its snapshot policy: grouping must not need one to answer each caller. */
class CounterRepositoryWithoutSnapshots extends AggregateRepository<Counter> {
  protected readonly streamType = Counter.streamType;

  protected createEmpty(id: string): Counter {
    return new Counter(id);
  }
}

describe('AggregateRepository.update with commands queued on one aggregate', () => {
  let app: INestApplicationContext;
  let counters: CounterRepository;
  let store: EventStore;

  beforeAll(async () => {
    app = await startInMemoryApp({ providers: counterWriteProviders });
    counters = app.get(CounterRepository);
    store = app.get(EventStore);
  });
  afterAll(() => app.close());

  async function newCounter(): Promise<string> {
    const counter = Counter.create(randomUUID(), 'queued');
    await counters.create(counter, newCommandContext());
    return counter.id;
  }

  it('saves them with one append and answers each with its own version, position and state', async () => {
    const id = await newCounter();
    const contexts = Array.from({ length: 20 }, () => newCommandContext());
    const appends = jest.spyOn(store, 'appendToStream');
    let results;
    try {
      results = await Promise.all(contexts.map((context, i) => counters.update(id, (counter) => counter.increment(i + 1), { context })));
      expect(appends.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      appends.mockRestore();
    }

    const totals = contexts.map((_, i) => ((i + 1) * (i + 2)) / 2);
    expect(results.map((r) => r.version)).toEqual(contexts.map((_, i) => i + 2));
    expect(results.map((r) => r.aggregate.value)).toEqual(totals);
    const stored = await store.readStream(id);
    expect(results.map((r) => r.position)).toEqual(stored.slice(1).map((event) => event.position));
    // Each event carries the metadata of the command that recorded it.
    expect(stored.slice(1).map((event) => event.metadata.causationId)).toEqual(contexts.map((context) => context.commandId));
    expect((await counters.load(id)).value).toBe(totals.at(-1));
  });

  it('refuses a broken rule or a stale If-Match alone and saves the rest', async () => {
    const id = await newCounter();
    const outcomes = await Promise.allSettled([
      counters.update(id, (counter) => counter.increment(5), { context: newCommandContext() }),
      counters.update(id, (counter) => counter.decrement(100), { context: newCommandContext() }),
      counters.update(id, (counter) => counter.increment(1000), { context: newCommandContext(), expectedVersion: 99 }),
      counters.update(id, (counter) => counter.decrement(2), { context: newCommandContext() }),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(CounterBelowZeroError);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(VersionMismatchError);
    const answered = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [[o.value.aggregate.value, o.value.version]] : []));
    expect(answered).toEqual([
      [5, 2],
      [3, 3],
    ]);
    const counter = await counters.load(id);
    expect([counter.value, counter.version]).toEqual([3, 3]);
    expect((await store.readStream(id)).map((event) => event.type)).toEqual(['CounterCreated', 'CounterIncremented', 'CounterDecremented']);
  });

  it('groups them without a snapshot policy, each caller answered with the state its own change left', async () => {
    const plain = new CounterRepositoryWithoutSnapshots(app.get(AggregateRepositoryDeps));
    const id = await newCounter();
    const appends = jest.spyOn(store, 'appendToStream');
    let results;
    try {
      results = await Promise.all([1, 2, 3, 4, 5].map((by) => plain.update(id, (counter) => counter.increment(by), { context: newCommandContext() })));
      // All five queue up before the stream lock's first turn (it is taken asynchronously): one append.
      expect(appends).toHaveBeenCalledTimes(1);
    } finally {
      appends.mockRestore();
    }

    expect(results.map((r) => [r.version, r.aggregate.value])).toEqual([
      [2, 1],
      [3, 3],
      [4, 6],
      [5, 10],
      [6, 15],
    ]);
    expect(new Set(results.map((r) => r.aggregate)).size).toBe(5);
    const stored = await store.readStream(id);
    expect(results.map((r) => r.position)).toEqual(stored.slice(1).map((event) => event.position));
  });
});
