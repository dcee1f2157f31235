import type { EventRegistry } from '../serialization/event-registry';
import type { EventStore } from '../store/event-store';
import type { StorageFaults } from '../store/storage-faults';
import type { TransactionRunner } from '../store/transaction-runner';
import type { ProjectionActivity } from './projection-activity';
import type { ProjectionLease } from './projection-lease';

/** What a projection worker works with. */
export interface ProjectionWorkerDeps {
  store: EventStore;
  registry: EventRegistry;
  transactions: TransactionRunner;
  /** Which instance advances the projection (absent: always this process). */
  lease?: ProjectionLease;
  /** Events per read of the log. */
  batchSize: number;
  /** Most events applied in one transaction, read `batchSize` at a time while the log has more (absent: `batchSize`). */
  rangeSize?: number;
  /** Told about a full or read-only database, for readiness. */
  storageFaults?: StorageFaults;
  /** Delay before retrying a failing event, by attempt number. */
  retryDelayMs: (attempt: number) => number;
  /** Spans, metrics and logs of its batches and status changes (absent: none). */
  activity?: ProjectionActivity;
}
