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
  [key: string]: unknown;
}

/** Decided once when a command is issued; every event the command records inherits it. */
export interface CommandContext {
  commandId: string;
  correlationId: string;
  /** What caused the command when it is not a request of its own (a process manager: the event's id); defaults to `commandId`. */
  causationId?: string;
  /** Set for a command executed at most once per key: its answer is recorded with its events. */
  idempotency?: IdempotencyClaim;
  /** The W3C trace context the command runs in (taken when it reaches its repository unless set). */
  trace?: TraceCarrier;
}

/** A context for a command that starts a new flow, or continues the one `correlationId` names. */
export function newCommandContext(correlationId?: string): CommandContext {
  const commandId = randomUUID();
  return { commandId, correlationId: correlationId ?? commandId };
}
