import { performance } from 'node:perf_hooks';
import { median } from '../support/stats';
import { emptyTotals, foldItems, itemAdded, type ReadItem } from './item-events';
import type { NewEvent } from '../../src/event-sourcing/store/stored-event';

/** The workload sizes (smaller in `--quick`). */
export interface StoreSizes {
  w1Events: number;
  w1Streams: number;
  w2Streams: number;
  w2EventsPerStream: number;
  w3Events: number;
  w3Reads: number;
  w4PageSize: number;
}

export const FULL_SIZES: StoreSizes = {
  w1Events: 20_000,
  w1Streams: 1_000,
  w2Streams: 100,
  w2EventsPerStream: 200,
  w3Events: 10_000,
  w3Reads: 5,
  w4PageSize: 1_000,
};

// Big enough that W4 and W3 take tens of milliseconds, not a few: still indicative only.
export const QUICK_SIZES: StoreSizes = { ...FULL_SIZES, w1Events: 5_000, w1Streams: 250, w2Streams: 20, w2EventsPerStream: 100, w3Events: 5_000 };

/** The writing half of an implementation under measurement (W1 and W2 need no more). */
export interface StoreWriter {
  /** Appends to a stream that must be at `expectedVersion` (0: must not exist yet), or rejects. */
  append(streamId: string, events: NewEvent[], expectedVersion: number): Promise<unknown>;
  /** Whether `error` is this implementation's rejection of a stale expected version. */
  isConflict(error: unknown): boolean;
  close(): Promise<void>;
}

/** One implementation under measurement: our event store, or a baseline doing the same job by hand. */
export interface StoreUnderTest extends StoreWriter {
  readStream(streamId: string): Promise<ReadItem[]>;
  /** Up to `limit` events of all streams after `position`, in global order. */
  readAll(position: number, limit: number): Promise<ReadItem[]>;
}

export interface WorkloadResults {
  /** Events/s. */
  w1: number;
  w2: number;
  /** Milliseconds (median). */
  w3: number;
  w4: number;
}

/**
 * W1, W4, W2, W3 on one fresh store. W4 runs right after W1, so "the whole W1 store" is the whole
 * store. Only the store calls (and, for reads, the fold) are timed, never making the events.
 */
export async function runStoreWorkloads(store: StoreUnderTest, sizes: StoreSizes): Promise<WorkloadResults> {
  const w1 = await appendSingles(store, sizes);
  const w4 = await scanAll(store, sizes);
  const w2 = await appendBatches(store, sizes);
  const w3 = await readAndFold(store, sizes);
  return { w1, w2, w3, w4 };
}

/** W1: single-event appends round-robin over the streams, awaited one by one; then a stale one must fail. */
export async function appendSingles(store: StoreWriter, { w1Events, w1Streams }: StoreSizes): Promise<number> {
  const versions = new Array<number>(w1Streams).fill(0);
  let elapsed = 0;
  for (let seq = 0; seq < w1Events; seq++) {
    const stream = seq % w1Streams;
    const event = itemAdded(seq);
    const started = performance.now();
    await store.append(`item-${stream}`, [event], versions[stream]);
    elapsed += performance.now() - started;
    versions[stream] += 1;
  }
  await expectStaleAppendRejected(store, 'item-0', versions[0] - 1, w1Events);
  return w1Events / (elapsed / 1000);
}

async function expectStaleAppendRejected(store: StoreWriter, streamId: string, staleVersion: number, seq: number): Promise<void> {
  const accepted = await store.append(streamId, [itemAdded(seq)], staleVersion).then(
    () => true,
    (error: unknown) => {
      if (!store.isConflict(error)) throw error;
      return false;
    },
  );
  if (accepted) throw new Error(`W1: an append expecting stale version ${staleVersion} of ${streamId} was accepted`);
}

/** W2: new streams, all of a stream's events in one append call. */
export async function appendBatches(store: StoreWriter, { w2Streams, w2EventsPerStream }: StoreSizes): Promise<number> {
  let elapsed = 0;
  for (let stream = 0; stream < w2Streams; stream++) {
    const events = Array.from({ length: w2EventsPerStream }, (_, i) => itemAdded(stream * w2EventsPerStream + i));
    const started = performance.now();
    await store.append(`batch-${stream}`, events, 0);
    elapsed += performance.now() - started;
  }
  return (w2Streams * w2EventsPerStream) / (elapsed / 1000);
}

/** W3: one long stream (written untimed first) read start to end and folded; the median of the reads. */
export async function readAndFold(store: StoreUnderTest, { w3Events, w3Reads }: StoreSizes): Promise<number> {
  const streamId = 'long-0';
  for (let version = 0; version < w3Events; version += 1000) {
    const count = Math.min(1000, w3Events - version);
    await store.append(streamId, Array.from({ length: count }, (_, i) => itemAdded(version + i)), version);
  }
  const times: number[] = [];
  for (let read = 0; read < w3Reads; read++) {
    const started = performance.now();
    const totals = foldItems(emptyTotals(), await store.readStream(streamId));
    times.push(performance.now() - started);
    expectFolded('W3', totals.events, totals.actors, w3Events);
  }
  return median(times);
}

/** W4: every event in global order, a page at a time, folded. */
export async function scanAll(store: StoreUnderTest, { w1Events, w4PageSize }: StoreSizes): Promise<number> {
  const totals = emptyTotals();
  let position = 0;
  const started = performance.now();
  for (;;) {
    const page = await store.readAll(position, w4PageSize);
    if (page.length === 0) break;
    foldItems(totals, page);
    position = page[page.length - 1].position;
  }
  const elapsed = performance.now() - started;
  expectFolded('W4', totals.events, totals.actors, w1Events);
  return totals.events / (elapsed / 1000);
}

function expectFolded(workload: string, events: number, actors: number, expected: number): void {
  if (events !== expected || actors !== expected) {
    throw new Error(`${workload}: folded ${events} events (${actors} with their metadata), expected ${expected}`);
  }
}
