import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { EventRegistry, EventStore } from '../../src/event-sourcing';
import { openChronicle } from '../rehydration/chronicle-app';
import { CounterHistory, seededValue } from '../rehydration/counter-history';
import { runAsWorker } from '../support/child';

/**
 * How the counters' events lie in the log. 'grouped': each counter's whole history in one append
 * call (W2-style), so a projection batch of 500 events touches ~5 counters. 'interleaved': one
 * event per append, round-robin over the counters, as live traffic writes them, so a batch
 * touches up to 500 counters.
 */
export type LogLayout = 'grouped' | 'interleaved';

export interface SeedLogArgs {
  databaseUrl: string;
  layout: LogLayout;
  counters: number;
  /** Per counter, its creation included. */
  eventsPerCounter: number;
}

export interface SeededLog {
  events: number;
  counters: number;
  /** The sum of every counter's value: what the rebuilt view must add up to. */
  total: number;
  seconds: number;
}

/** Durability is not what is measured here: the seeding commits with synchronous=NORMAL. */
async function seedOne({ databaseUrl, layout, counters, eventsPerCounter }: SeedLogArgs): Promise<SeededLog> {
  const app = await openChronicle({ DATABASE_URL: databaseUrl, RUN_PROJECTIONS: 'false', SQLITE_SYNCHRONOUS: 'NORMAL' });
  try {
    const [store, registry] = [app.get(EventStore), app.get(EventRegistry)];
    const histories = Array.from({ length: counters }, () => new CounterHistory(registry, randomUUID()));
    const started = performance.now();
    if (layout === 'grouped') {
      for (const history of histories) await history.append(store, 1, eventsPerCounter, eventsPerCounter);
    } else {
      // Concurrent appends: the store commits each round's together (group commit).
      for (let version = 1; version <= eventsPerCounter; version++) {
        await Promise.all(histories.map((history) => history.append(store, version, version, 1)));
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return { events: counters * eventsPerCounter, counters, total: counters * seededValue(eventsPerCounter), seconds };
  } finally {
    await app.close();
  }
}

/** Seeds each log in turn, each in its own database: one process start for all of them. */
async function seed(logs: SeedLogArgs[]): Promise<SeededLog[]> {
  const seeded: SeededLog[] = [];
  for (const log of logs) seeded.push(await seedOne(log));
  return seeded;
}

runAsWorker(seed);
