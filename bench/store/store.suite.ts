import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runWorker } from '../support/child';
import type { BenchContext, BenchSection, BenchSuite } from '../support/suite';
import { openSqliteDataSource } from './our-sqlite-store';
import type { Synchronous } from './raw-sqlite-store';
import { storeReport, type Measurements, type RssBreakdown } from './store-report';
import type { Implementation, StoreWorkerArgs } from './store.worker';
import { FULL_SIZES, QUICK_SIZES, type StoreSizes, type WorkloadResults } from './workloads';

const WORKER = 'store/store.worker.ts';
const MODES: Synchronous[] = ['FULL', 'NORMAL'];
const IMPLEMENTATIONS: Implementation[] = ['ours', 'raw'];

/**
 * One fresh process and one fresh file per implementation, mode and repetition; the two
 * implementations alternate so that a noisy minute on the shared machine hits both.
 */
async function run(context: BenchContext): Promise<BenchSection> {
  const sizes = context.quick ? QUICK_SIZES : FULL_SIZES;
  const repetitions = context.quick ? 1 : 3;
  const measurements: Measurements = { sizes, repetitions, runs: [], rss: await measureRssBreakdown(context, sizes) };
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    for (const synchronous of MODES) {
      for (const implementation of IMPLEMENTATIONS) {
        context.log(`store: ${implementation}, synchronous=${synchronous}, repetition ${repetition}/${repetitions}`);
        const file = join(context.tmpDir, `store-${implementation}-${synchronous}-${repetition}.db`);
        // The raw baseline gets the schema from the same migrations, run here so that its own
        // process never loads TypeORM.
        if (implementation === 'raw') await (await openSqliteDataSource(file, synchronous)).destroy();
        try {
          const args: StoreWorkerArgs = { implementation, file, synchronous, sizes };
          const { result, peakRssBytes } = await runWorker<StoreWorkerArgs, WorkloadResults>(WORKER, args, context.nodeFlags);
          measurements.runs.push({ implementation, synchronous, result, peakRssBytes });
        } finally {
          removeDatabase(file);
        }
      }
    }
  }
  return storeReport(measurements, context.quick);
}

/** Peak RSS of a worker that does nothing, and of one that only opens our store: what the rest is made of. */
async function measureRssBreakdown(context: BenchContext, sizes: StoreSizes): Promise<RssBreakdown> {
  const file = join(context.tmpDir, 'store-rss.db');
  const args: StoreWorkerArgs = { implementation: 'ours', file, synchronous: 'FULL', sizes };
  try {
    const harness = await runWorker<StoreWorkerArgs, null>(WORKER, { ...args, stopAfter: 'start' });
    const opened = await runWorker<StoreWorkerArgs, null>(WORKER, { ...args, stopAfter: 'open' });
    return { harnessBytes: harness.peakRssBytes, openedBytes: opened.peakRssBytes };
  } finally {
    removeDatabase(file);
  }
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

export const storeSuite: BenchSuite = { name: 'store', run };
