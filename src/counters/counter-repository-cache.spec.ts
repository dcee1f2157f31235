import { randomUUID } from 'node:crypto';
import { newCommandContext, SnapshotStore } from '../event-sourcing';
import { startInMemoryApp } from '../event-sourcing/testing';
import { counterWriteProviders } from './counter-write.providers';
import { CounterRepository } from './counter.repository';
import { Counter } from './domain/counter.aggregate';

// The repository's memory of saved states (AGGREGATE_CACHE_MB), seen from what its loads ask the snapshot store.
describe('CounterRepository and its in-memory states', () => {
  async function snapshotReadsOverTenCommands(aggregateCacheBytes: number): Promise<number> {
    const app = await startInMemoryApp({ providers: counterWriteProviders, options: { aggregateCacheBytes } });
    try {
      const counters = app.get(CounterRepository);
      const id = randomUUID();
      await counters.create(Counter.create(id, 'visits'), newCommandContext());
      const latest = jest.spyOn(app.get(SnapshotStore), 'latest');
      for (let i = 0; i < 10; i++) await counters.update(id, (counter) => counter.increment(1), { context: newCommandContext() });
      expect((await counters.load(id)).value).toBe(10);
      return latest.mock.calls.length;
    } finally {
      await app.close();
    }
  }

  it('loads what it saved from memory: no snapshot read', async () => {
    expect(await snapshotReadsOverTenCommands(1024 * 1024)).toBe(0);
  });

  it('with a budget of 0 keeps nothing: every load reads the snapshot store', async () => {
    expect(await snapshotReadsOverTenCommands(0)).toBe(11);
  });
});
