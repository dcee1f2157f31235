import { attachEnvelope } from '../metadata/event-envelope';
import { eventClassOf } from '../serialization/event-class';

let nextPosition = 1;

/**
 * Gives events the envelopes they would have once stored (versions 1.. of `streamId`, increasing
 * global positions, one second apart), for projection specs: given(recorded events) → then(rows).
 */
export function recorded<T extends object[]>(streamId: string, streamType: string, ...events: T): T {
  return events.map((event, i) => {
    const position = nextPosition++;
    return attachEnvelope(event, {
      streamId,
      streamType,
      version: i + 1,
      position,
      type: eventClassOf(event).type,
      schemaVersion: eventClassOf(event).version,
      metadata: { eventId: `event-${position}`, correlationId: 'spec', causationId: 'spec' },
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, position)),
    });
  }) as T;
}
