import type { CompletedCommand } from '../idempotency/processed-command';
import type { EventMetadata } from '../metadata/event-metadata';

/** What the caller hands to `appendToStream`: a serialized event not yet positioned. */
export interface NewEvent {
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  occurredAt: Date;
}

/** One row of the `events` table, parsed. */
export interface StoredEvent extends NewEvent {
  position: number;
  streamId: string;
  streamType: string;
  version: number;
}

/**
 * What the stream must look like for an append to go through: its exact current version,
 * `'no-stream'` (it must not exist yet), or `'any'`.
 */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface AppendResult {
  /** The stream's version after the append. */
  nextVersion: number;
  /** The global position of the last appended event. */
  lastPosition: number;
  events: StoredEvent[];
}

export interface AppendOptions {
  /**
   * Idempotent commands this append completes: their answers are recorded in its transaction, and
   * the append is refused with CommandAlreadyProcessedError (nothing written) if one of their keys
   * is recorded already. Each claim's `recorded` is set once the transaction committed.
   */
  commands?: CompletedCommand[];
}

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
  /** Only events that occurred at or before this instant. */
  until?: Date;
}

export interface ReadAllOptions {
  /** Exclusive: events with a greater position. */
  after: number;
  limit: number;
  types?: string[];
  streamId?: string;
}
