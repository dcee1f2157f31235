import { EventSourcingObserver, EventSourcingOptions, NOOP_OBSERVER } from '../event-sourcing';
import type { Environment } from './environment';

/**
 * The one place the app's validated settings become the core's options: every entry point (the
 * server, the projections CLI, the bench) builds AppModule, which passes this to the core.
 */
export function eventSourcingOptionsFrom(env: Environment, metrics: EventSourcingObserver = NOOP_OBSERVER): EventSourcingOptions {
  return {
    snapshotEvery: env.SNAPSHOT_EVERY,
    aggregateCacheBytes: env.AGGREGATE_CACHE_MB * 1024 * 1024,
    commandMaxAttempts: env.COMMAND_MAX_ATTEMPTS,
    runProjections: env.RUN_PROJECTIONS === 'true',
    readWaitTimeoutMs: env.READ_WAIT_TIMEOUT_MS,
    idempotencyTtlHours: env.IDEMPOTENCY_TTL_HOURS,
    observer: env.METRICS_ENABLED === 'true' ? metrics : NOOP_OBSERVER,
  };
}
