import { runAsWorker } from '../support/child';
import { appendBatches, appendSingles, type StoreSizes, type StoreWriter } from './workloads';

export interface PostgresStoreWorkerArgs {
  implementation: 'ours' | 'raw';
  /** A fresh database, already migrated. */
  url: string;
  sizes: StoreSizes;
}

export interface PostgresStoreResults {
  /** Events/s. */
  w1: number;
  w2: number;
}

async function open({ implementation, url }: PostgresStoreWorkerArgs): Promise<StoreWriter> {
  if (implementation === 'raw') return (await import('./raw-postgres-store')).rawPostgresStore(url);
  const { openOurPostgresStore } = await import('./our-postgres-store');
  return openOurPostgresStore(url);
}

// W1 and W2 only: the issue asks for the write workloads on PostgreSQL.
runAsWorker<PostgresStoreWorkerArgs, PostgresStoreResults>(async (args) => {
  const store = await open(args);
  try {
    const w1 = await appendSingles(store, args.sizes);
    const w2 = await appendBatches(store, args.sizes);
    return { w1, w2 };
  } finally {
    await store.close();
  }
});
