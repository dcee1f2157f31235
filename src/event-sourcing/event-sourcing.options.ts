import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';
import { EventSourcingObserver, NOOP_OBSERVER } from './observability/event-sourcing-observer';

/** Everything the event-sourcing core needs from its host application, passed to `EventSourcingModule.forRoot`. */
export interface EventSourcingOptions {
  /** Snapshot an aggregate every this many events unless its own policy says otherwise; 0 turns snapshots off. */
  snapshotEvery: number;
  /**
   * What each repository's in-memory copy of recently saved aggregate states may hold, in bytes
   * (least recently used go first); 0 turns it off, so every command reads its snapshot and tail.
   */
  aggregateCacheBytes: number;
  /** How often a command that lost a race is tried on fresh state before it fails with a conflict. */
  commandMaxAttempts: number;
  /** `false`: this instance serves and writes, but only follows the projections other instances advance. */
  runProjections: boolean;
  /** How long a read that asks for a minimum position waits for the projections. */
  readWaitTimeoutMs: number;
  /** How long the answer of an idempotent command is kept (and a repeat of its key answered from it). */
  idempotencyTtlHours: number;
  /** Told about appends, commits, retries, snapshot loads and projection batches (for metrics). */
  observer: EventSourcingObserver;
}

export const DEFAULT_EVENT_SOURCING_OPTIONS: EventSourcingOptions = {
  snapshotEvery: 100,
  aggregateCacheBytes: 16 * 1024 * 1024,
  commandMaxAttempts: 10,
  runProjections: true,
  readWaitTimeoutMs: 5000,
  idempotencyTtlHours: 24,
  observer: NOOP_OBSERVER,
};

/** Injection token of the resolved `EventSourcingOptions`. */
export const EVENT_SOURCING_OPTIONS = Symbol('EVENT_SOURCING_OPTIONS');

export interface EventSourcingAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: never[]) => Partial<EventSourcingOptions> | Promise<Partial<EventSourcingOptions>>;
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
}
