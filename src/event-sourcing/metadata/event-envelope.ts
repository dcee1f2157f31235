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

// A hidden property (non-enumerable, symbol-keyed), so the payload stays exactly what the class
// declares: keys, spreads, JSON and validation never see it. Not a WeakMap: V8's minor GC keeps a
// WeakMap's values alive, so every event read in a replay or rebuild reached the old generation
// and waited for a full GC (a 1,000,000-event rebuild peaked ~50 MB higher).
const ENVELOPE = Symbol('chronicle:envelope');
// Only for events that cannot take the property (frozen by their class).
const frozenEnvelopes = new WeakMap<object, EventEnvelope>();

export function attachEnvelope<E extends object>(event: E, envelope: EventEnvelope): E {
  if (Object.isExtensible(event)) Object.defineProperty(event, ENVELOPE, { value: envelope, writable: true, configurable: true });
  else frozenEnvelopes.set(event, envelope);
  return event;
}

/** The envelope of an event that came from the store (published or replayed). */
export function envelopeOf(event: object): EventEnvelope {
  const envelope = (event as { [ENVELOPE]?: EventEnvelope })[ENVELOPE] ?? frozenEnvelopes.get(event);
  if (!envelope) throw new Error(`${event.constructor.name} has no envelope: it was not read from or written to the store`);
  return envelope;
}

export function envelopeFrom(stored: StoredEvent): EventEnvelope {
  const { streamId, streamType, version, position, type, schemaVersion, metadata, occurredAt } = stored;
  return { streamId, streamType, version, position, type, schemaVersion, metadata, occurredAt };
}
