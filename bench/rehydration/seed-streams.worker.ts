import { randomUUID } from 'node:crypto';
import { CounterRepository } from '../../src/counters/counter.repository';
import { Counter } from '../../src/counters/domain/counter.aggregate';
import { EventRegistry, EventStore, newCommandContext, SnapshotStore } from '../../src/event-sourcing';
import { runAsWorker } from '../support/child';
import { openChronicle } from './chronicle-app';
import { CounterHistory, seededValue } from './counter-history';

export interface SeedStreamsArgs {
  databaseUrl: string;
  /** Stream lengths, creation included. */
  sizes: number[];
  /** The batch of events per append call. */
  batch: number;
}

export interface SeededStream {
  size: number;
  id: string;
  value: number;
  /** The version of the snapshot the repository took on the last save, or null (below SNAPSHOT_EVERY). */
  snapshotVersion: number | null;
}

const SNAPSHOT_EVERY = 100; // the service's default policy

/**
 * One Counter stream per size: all but the last event appended through the store API, the last
 * one an increment through the repository's normal save path, which takes the snapshot when the
 * policy says so (here: every SNAPSHOT_EVERY events since the last snapshot, none yet).
 */
async function seed({ databaseUrl, sizes, batch }: SeedStreamsArgs): Promise<SeededStream[]> {
  const plain = await openChronicle({ DATABASE_URL: databaseUrl, RUN_PROJECTIONS: 'false', SNAPSHOT_EVERY: '0' });
  const ids = sizes.map(() => randomUUID());
  try {
    const [store, registry] = [plain.get(EventStore), plain.get(EventRegistry)];
    for (const [i, size] of sizes.entries()) await new CounterHistory(registry, ids[i]).append(store, 1, size - 1, batch);
  } finally {
    await plain.close();
  }
  const app = await openChronicle({ DATABASE_URL: databaseUrl, RUN_PROJECTIONS: 'false', SNAPSHOT_EVERY: String(SNAPSHOT_EVERY) });
  try {
    const [counters, snapshots] = [app.get(CounterRepository), app.get(SnapshotStore)];
    const seeded: SeededStream[] = [];
    for (const [i, size] of sizes.entries()) {
      const value = seededValue(size - 1) + 1;
      const { aggregate } = await counters.update(ids[i], (counter) => counter.increment(1), { context: newCommandContext() });
      if (aggregate.version !== size || aggregate.value !== value) {
        throw new Error(`stream of ${size}: the repository saw version ${aggregate.version}, value ${aggregate.value}; expected ${size}, ${value}`);
      }
      const snapshot = await snapshots.latest(ids[i], Counter.snapshots.schemaVersion);
      const expectSnapshot = size >= SNAPSHOT_EVERY;
      if (expectSnapshot !== (snapshot?.version === size)) {
        throw new Error(`stream of ${size}: expected ${expectSnapshot ? 'a snapshot at its last version' : 'no snapshot'}, found ${snapshot?.version ?? 'none'}`);
      }
      seeded.push({ size, id: ids[i], value, snapshotVersion: snapshot?.version ?? null });
    }
    return seeded;
  } finally {
    await app.close();
  }
}

runAsWorker(seed);
