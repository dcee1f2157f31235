import { performance } from 'node:perf_hooks';
import type { EventStore } from '../../src/event-sourcing/store/event-store';
import { openSqliteDataSource } from '../store/our-sqlite-store';
import type { Synchronous } from '../store/raw-sqlite-store';
import { createEventStore } from '../../src/event-sourcing/store/store-factories';
import { SqliteWriteLock } from '../../src/event-sourcing/store/sqlite-write-lock';
import { runAsWorker } from '../support/child';
import { CHUNK_EVENTS, counterIdOf, EVENTS_PER_STREAM, randomCounter } from './layout';

export interface ScaleStoreArgs {
  file: string;
  /** How many events were seeded (the layout's count, without earlier runs' appends). */
  seeded: number;
  appends: number;
  /** Stream reads per placement (early, random, late). */
  readsPerPlace: number;
}

export interface ScaleStoreResult {
  /** W1: single-event appends per second, at each synchronous setting. */
  appendsPerSecond: Record<Synchronous, number>;
  /** Milliseconds of each whole-stream read, by where the stream lies in the log. */
  readMs: Record<Place, number[]>;
  /**
   * The process's CPU milliseconds per read, over all of them: unlike the elapsed time, not
   * inflated by the waits of a loaded machine, whose scheduler preempts a 1 ms read more often
   * than a 0.3 ms one.
   */
  readCpuMs: number;
}

export type Place = 'early' | 'random' | 'late';
const APPEND_STREAMS = 500;

/**
 * W1 as the store suite runs it (single-event appends, awaited one by one, each expecting the
 * right version), but to existing counters drawn at random from the whole log, as commands on an
 * old store would; the versions are read first, untimed, as a command loads its aggregate first.
 */
async function appendSingles(store: EventStore, { seeded, appends }: ScaleStoreArgs): Promise<number> {
  const chunks = seeded / CHUNK_EVENTS;
  const streams = [...new Set(Array.from({ length: APPEND_STREAMS }, () => randomCounter(0, chunks)))];
  const versions = await Promise.all(streams.map(async (id) => (await store.readStream(id)).length));
  let elapsed = 0;
  for (let i = 0; i < appends; i++) {
    const s = i % streams.length;
    const event = { type: 'CounterIncremented', schemaVersion: 2, data: { counterId: streams[s], by: 1 }, metadata: metadataOf(i), occurredAt: new Date() };
    const started = performance.now();
    await store.appendToStream(streams[s], 'Counter', [event], versions[s]);
    elapsed += performance.now() - started;
    versions[s] += 1;
  }
  return appends / (elapsed / 1000);
}

function metadataOf(i: number) {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return { eventId: id, correlationId: id, causationId: id, actor: { type: 'anonymous', id: null } };
}

/** One read of a whole counter stream, checked for its ≥ 100 events. */
async function timedRead(store: EventStore, streamId: string): Promise<number> {
  const started = performance.now();
  const events = await store.readStream(streamId);
  const elapsed = performance.now() - started;
  if (events.length < EVENTS_PER_STREAM) throw new Error(`stream ${streamId} has ${events.length} events, expected ≥ ${EVENTS_PER_STREAM}`);
  return elapsed;
}

async function readStreams(store: EventStore, { seeded, readsPerPlace }: ScaleStoreArgs): Promise<Pick<ScaleStoreResult, 'readMs' | 'readCpuMs'>> {
  const chunks = seeded / CHUNK_EVENTS;
  const pick: Record<Place, () => string> = {
    early: () => randomCounter(0, 1),
    random: () => randomCounter(0, chunks),
    late: () => randomCounter(chunks - 1, chunks),
  };
  await timedRead(store, counterIdOf(0, 0)); // prepares the statement
  const readMs: Record<Place, number[]> = { early: [], random: [], late: [] };
  const cpu = process.cpuUsage();
  // The placements take turns, so that a noisy moment on the shared machine hits them alike.
  for (let i = 0; i < readsPerPlace; i++) {
    for (const place of Object.keys(pick) as Place[]) readMs[place].push(await timedRead(store, pick[place]()));
  }
  const { user, system } = process.cpuUsage(cpu);
  return { readMs, readCpuMs: (user + system) / 1000 / (readsPerPlace * 3) };
}

runAsWorker<ScaleStoreArgs, ScaleStoreResult>(async (args) => {
  const dataSource = await openSqliteDataSource(args.file, 'FULL');
  try {
    const store = createEventStore(dataSource, new SqliteWriteLock());
    const reads = await readStreams(store, args);
    const full = await appendSingles(store, args);
    // The app sets no more than this pragma for NORMAL (one connection), and a process start is spared.
    await dataSource.query('PRAGMA synchronous = NORMAL');
    const [{ synchronous }] = (await dataSource.query('PRAGMA synchronous')) as { synchronous: number }[];
    if (synchronous !== 1) throw new Error(`synchronous is ${synchronous} after setting NORMAL (1)`);
    return { appendsPerSecond: { FULL: full, NORMAL: await appendSingles(store, args) }, ...reads };
  } finally {
    await dataSource.destroy();
  }
});
