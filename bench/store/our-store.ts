import { ConcurrencyError } from '../../src/event-sourcing/store/concurrency.error';
import type { EventStore } from '../../src/event-sourcing/store/event-store';
import { ITEM_STREAM_TYPE, type ReadItem } from './item-events';
import type { StoreUnderTest } from './workloads';

/** Our `EventStore` (either database) as the workloads drive it: a thin pass-through. */
export function ourStore(store: EventStore, close: () => Promise<void>): StoreUnderTest {
  return {
    append: (streamId, events, expectedVersion) =>
      store.appendToStream(streamId, ITEM_STREAM_TYPE, events, expectedVersion === 0 ? 'no-stream' : expectedVersion),
    isConflict: (error) => error instanceof ConcurrencyError,
    // StoredEvent carries the parsed data and metadata the workloads fold.
    readStream: (streamId) => store.readStream(streamId) as Promise<unknown[]> as Promise<ReadItem[]>,
    readAll: (position, limit) => store.readAll({ after: position, limit }) as Promise<unknown[]> as Promise<ReadItem[]>,
    close,
  };
}
