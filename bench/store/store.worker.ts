import { runAsWorker } from '../support/child';
import type { Synchronous } from './raw-sqlite-store';
import { runStoreWorkloads, type StoreSizes, type StoreUnderTest, type WorkloadResults } from './workloads';

export type Implementation = 'ours' | 'raw';

export interface StoreWorkerArgs {
  implementation: Implementation;
  file: string;
  synchronous: Synchronous;
  sizes: StoreSizes;
  /** Stop before opening the store, or right after, to see what a process's RSS is made of. */
  stopAfter?: 'start' | 'open';
}

// Each side loads only its own modules, so the raw process's peak RSS has no TypeORM in it.
async function open({ implementation, file, synchronous }: StoreWorkerArgs): Promise<StoreUnderTest> {
  if (implementation === 'ours') return (await import('./our-sqlite-store')).ourSqliteStore(file, synchronous);
  return (await import('./raw-sqlite-store')).rawSqliteStore(file, synchronous);
}

runAsWorker<StoreWorkerArgs, WorkloadResults | null>(async (args) => {
  if (args.stopAfter === 'start') return null;
  const store = await open(args);
  try {
    return args.stopAfter === 'open' ? null : await runStoreWorkloads(store, args.sizes);
  } finally {
    await store.close();
  }
});
