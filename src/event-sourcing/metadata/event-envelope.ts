import type { StoredEvent } from '../store/stored-event';
import type { EventMetadata } from './event-metadata';

/** Where and when a recorded event sits in the store: what a handler needs beside the payload. */
export interface EventEnvelope {
  streamId: string;
  streamType: string;
  version: number;
  position: number;
  type: string;
  schemaVersion: number;
  metadata: EventMetadata;
  occurredAt: Date;
}

// Kept beside the event rather than on it, so the payload stays exactly what the class declares.
const envelopes = new WeakMap<object, EventEnvelope>();

export function attachEnvelope<E extends object>(event: E, envelope: EventEnvelope): E {
  envelopes.set(event, envelope);
  return event;
}

/** The envelope of an event that came from the store (published or replayed). */
export function envelopeOf(event: object): EventEnvelope {
  const envelope = envelopes.get(event);
  if (!envelope) throw new Error(`${event.constructor.name} has no envelope: it was not read from or written to the store`);
  return envelope;
}

export function envelopeFrom(stored: StoredEvent): EventEnvelope {
  const { streamId, streamType, version, position, type, schemaVersion, metadata, occurredAt } = stored;
  return { streamId, streamType, version, position, type, schemaVersion, metadata, occurredAt };
}
