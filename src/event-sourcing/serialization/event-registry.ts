import { Injectable, Provider } from '@nestjs/common';
import { attachEnvelope, envelopeFrom } from '../metadata/event-envelope';
import type { StoredEvent } from '../store/stored-event';
import { EventClass, eventClassOf } from './event-class';
import { UnknownEventTypeError, UnsupportedSchemaVersionError } from './serialization.errors';

export interface SerializedEvent {
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
}

/** Maps stored type names and schema versions to event classes, both ways. */
@Injectable()
export class EventRegistry {
  private readonly classes = new Map<string, EventClass>();

  register(...eventClasses: EventClass[]): void {
    for (const eventClass of eventClasses) {
      const known = this.classes.get(eventClass.type);
      if (known && known !== eventClass) {
        throw new Error(`Stored event type '${eventClass.type}' is declared by both ${known.name} and ${eventClass.name}`);
      }
      this.classes.set(eventClass.type, eventClass);
    }
  }

  serialize(event: object): SerializedEvent {
    const eventClass = eventClassOf(event);
    if (this.classes.get(eventClass.type) !== eventClass) {
      throw new Error(`${eventClass.name} is not registered: add it to its module's registerEvents(...) provider`);
    }
    return { type: eventClass.type, schemaVersion: eventClass.version, data: { ...event } as Record<string, unknown> };
  }

  /** Turns a stored event back into an instance of its class, with its envelope attached. */
  deserialize(stored: StoredEvent): object {
    const eventClass = this.classes.get(stored.type);
    if (!eventClass) throw new UnknownEventTypeError(stored.type, stored.schemaVersion);
    if (stored.schemaVersion !== eventClass.version) {
      throw new UnsupportedSchemaVersionError(stored.type, stored.schemaVersion, eventClass.version);
    }
    const event = Object.assign(Object.create(eventClass.prototype) as object, stored.data);
    return attachEnvelope(event, envelopeFrom(stored));
  }

  knows(type: string): boolean {
    return this.classes.has(type);
  }
}

/**
 * A provider that registers a module's event classes while the app is built, before any
 * projection or repository reads a stored event: `providers: [registerEvents(CounterCreatedEvent, ...)]`.
 */
export function registerEvents(...eventClasses: EventClass[]): Provider {
  return {
    provide: `chronicle:events:${eventClasses.map((eventClass) => eventClass.type).join(',')}`,
    useFactory: (registry: EventRegistry) => registry.register(...eventClasses),
    inject: [EventRegistry],
  };
}
