import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { COUNTER_VIEWS } from '../../src/counters/projections/counter-view.projection';
import { ProjectionRunner } from '../../src/event-sourcing';
import { openChronicle } from '../rehydration/chronicle-app';
import { runAsWorker } from '../support/child';

export interface RebuildArgs {
  databaseUrl: string;
}

export interface RebuildResult {
  /** From `rebuild()` to the projection leaving 'rebuilding'. */
  seconds: number;
  /** Resident memory once the app had booted, before the first event was read. */
  bootRssBytes: number;
  position: number;
}

/**
 * What `npm run projections -- rebuild counter_views` does, minus the progress bar: the app boots
 * with its projections running (the boot starts a catch-up of counter_views, which the rebuild interrupts).
 */
async function rebuild({ databaseUrl }: RebuildArgs): Promise<RebuildResult> {
  const app = await openChronicle({ DATABASE_URL: databaseUrl });
  try {
    const runner = app.get(ProjectionRunner);
    // The seeded log is new to the app's other projections too: their first catch-up is not part of
    // rebuilding this one (a live service has them caught up), so it is waited for, untimed.
    while (runner.list().some((other) => other.name !== COUNTER_VIEWS && other.status !== 'running')) await sleep(20);
    const bootRssBytes = process.memoryUsage().rss;
    const started = performance.now();
    await runner.rebuild(COUNTER_VIEWS);
    while (runner.progress(COUNTER_VIEWS).status === 'rebuilding') await sleep(5);
    const seconds = (performance.now() - started) / 1000;
    const progress = runner.progress(COUNTER_VIEWS);
    if (progress.status === 'failing') throw new Error(`${COUNTER_VIEWS} failed while rebuilding: ${progress.lastError}`);
    return { seconds, bootRssBytes, position: progress.position };
  } finally {
    await app.close();
  }
}

runAsWorker(rebuild);
