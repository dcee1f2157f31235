import { performance } from 'node:perf_hooks';
import { CounterRepository } from '../../src/counters/counter.repository';
import { runAsWorker } from '../support/child';
import { median } from '../support/stats';
import { openChronicle } from './chronicle-app';

export interface LoadArgs {
  databaseUrl: string;
  /** '0' replays every stream in full; otherwise the repository starts from the latest snapshot. */
  snapshotEvery: string;
  streams: { id: string; size: number; value: number; repetitions: number }[];
}

/** Median milliseconds of `CounterRepository.load`, per stream. */
export interface LoadResult {
  medians: number[];
}

// Untimed loads first, for the JIT and SQLite's page cache; one for the long stream, whose loads take seconds.
const warmUp = (size: number) => (size >= 100_000 ? 1 : 2);

async function measure({ databaseUrl, snapshotEvery, streams }: LoadArgs): Promise<LoadResult> {
  const app = await openChronicle({ DATABASE_URL: databaseUrl, RUN_PROJECTIONS: 'false', SNAPSHOT_EVERY: snapshotEvery });
  try {
    const counters = app.get(CounterRepository);
    const medians: number[] = [];
    for (const { id, size, value, repetitions } of streams) {
      const times: number[] = [];
      for (let i = 0; i < warmUp(size) + repetitions; i++) {
        const started = performance.now();
        const counter = await counters.load(id);
        const elapsed = performance.now() - started;
        if (counter.version !== size || counter.value !== value) {
          throw new Error(`loaded version ${counter.version}, value ${counter.value}; expected ${size}, ${value}`);
        }
        if (i >= warmUp(size)) times.push(elapsed);
      }
      medians.push(median(times));
    }
    return { medians };
  } finally {
    await app.close();
  }
}

runAsWorker(measure);
