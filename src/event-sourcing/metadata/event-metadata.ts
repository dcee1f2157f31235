import { randomUUID } from 'node:crypto';
import type { IdempotencyClaim } from '../idempotency/processed-command';
import type { TraceCarrier } from '../observability/tracing';

/** Who and what caused an event: carried in every stored event's `metadata`. */
export interface EventMetadata {
  eventId: string;
  /** Shared by everything one request (or one business flow) set in motion. */
  correlationId: string;
  /** The id of the command that directly caused this event. */
  causationId: string;
  /** Who caused it, as the application identified them (absent on events recorded before actors existed). */
  actor?: EventActor;
  [key: string]: unknown;
}

/**
 * Who caused an event. The core records what the application passes without interpreting it;
 * Chronicle's app uses the types `user`, `api-key`, `anonymous` and `process`.
 */
export interface EventActor {
  type: string;
  id: string | null;
}

/** Decided once when a command is issued; every event the command records inherits it. */
export interface CommandContext {
  commandId: string;
  correlationId: string;
  /** Recorded as `actor` in the metadata of every event the command causes. */
  actor?: EventActor;
  /** What caused the command when it is not a request of its own (a process manager: the event's id); defaults to `commandId`. */
  causationId?: string;
  /** Set for a command executed at most once per key: its answer is recorded with its events. */
  idempotency?: IdempotencyClaim;
  /** The W3C trace context the command runs in (taken when it reaches its repository unless set). */
  trace?: TraceCarrier;
}

/** A context for a command that starts a new flow, or continues the one `correlationId` names. */
export function newCommandContext(correlationId?: string, actor?: EventActor): CommandContext {
  const commandId = randomUUID();
  return { commandId, correlationId: correlationId ?? commandId, ...(actor && { actor }) };
}

/** The metadata of one event recorded under `context`. */
export function eventMetadataFor(context: CommandContext): EventMetadata {
  const metadata: EventMetadata = { eventId: randomUUID(), correlationId: context.correlationId, causationId: context.causationId ?? context.commandId, ...context.trace };
  if (context.actor) metadata.actor = context.actor;
  return metadata;
}
