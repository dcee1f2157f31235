import { Injectable, Provider } from '@nestjs/common';
import { validateSync, ValidationError } from 'class-validator';
import { attachEnvelope, envelopeFrom } from '../metadata/event-envelope';
import type { StoredEvent } from '../store/stored-event';
import { EventClass, eventClassOf } from './event-class';
import { InvalidEventError, UnknownEventTypeError } from './serialization.errors';
import type { Upcaster } from './upcaster';
import { UpcasterChain } from './upcaster-chain';

export interface SerializedEvent {
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
}

/**
 * Maps stored type names and schema versions to event classes, both ways. Writing validates the
 * payload against its class (class-validator decorators); reading upcasts older schema versions
 * to the class's current one first, so every reader (load, projections, feeds) sees one shape.
 */
@Injectable()
export class EventRegistry {
  private readonly classes = new Map<string, EventClass>();
  private readonly upcasters = new UpcasterChain();

  register(...eventClasses: EventClass[]): void {
    for (const eventClass of eventClasses) {
      const known = this.classes.get(eventClass.type);
      if (known && known !== eventClass) {
        throw new Error(`Stored event type '${eventClass.type}' is declared by both ${known.name} and ${eventClass.name}`);
      }
      this.classes.set(eventClass.type, eventClass);
    }
  }

  registerUpcasters(...upcasters: Upcaster[]): void {
    for (const upcaster of upcasters) this.upcasters.add(upcaster);
  }

  /** @throws InvalidEventError when the event breaks its class's validation rules. */
  serialize(event: object): SerializedEvent {
    const eventClass = eventClassOf(event);
    if (this.classes.get(eventClass.type) !== eventClass) {
      throw new Error(`${eventClass.name} is not registered: add it to its module's registerEvents(...) provider`);
    }
    // forbidUnknownValues off: a class without any rule is accepted as it is, not refused.
    const errors = validateSync(event, { forbidUnknownValues: false });
    if (errors.length > 0) throw new InvalidEventError(eventClass.type, errors.flatMap(describe));
    return { type: eventClass.type, schemaVersion: eventClass.version, data: { ...event } as Record<string, unknown> };
  }

  /**
   * The stored event as its current class declares it: payload upcast, schemaVersion current.
   * @throws UnknownEventTypeError when no class is registered for its type.
   * @throws UnsupportedSchemaVersionError when no chain of upcasters reaches the current version.
   */
  upcast(stored: StoredEvent): StoredEvent {
    const eventClass = this.classOf(stored);
    if (stored.schemaVersion === eventClass.version) return stored;
    return { ...stored, ...this.upcasters.upcast(stored.type, stored, eventClass.version) };
  }

  /** Turns a stored event back into an instance of its (current) class, with its envelope attached. */
  deserialize(stored: StoredEvent): object {
    const current = this.upcast(stored);
    const event = Object.assign(Object.create(this.classOf(stored).prototype) as object, current.data);
    return attachEnvelope(event, envelopeFrom(current));
  }

  knows(type: string): boolean {
    return this.classes.has(type);
  }

  private classOf(stored: StoredEvent): EventClass {
    const eventClass = this.classes.get(stored.type);
    if (!eventClass) throw new UnknownEventTypeError(stored.type, stored.schemaVersion);
    return eventClass;
  }
}

function describe(error: ValidationError): string[] {
  const own = Object.values(error.constraints ?? {});
  return [...own, ...(error.children ?? []).flatMap(describe)];
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

/** Like `registerEvents`, for the upcasters that read a module's older stored schema versions. */
export function registerUpcasters(...upcasters: Upcaster[]): Provider {
  return {
    provide: `chronicle:upcasters:${upcasters.map((step) => `${step.type}@${step.fromVersion}`).join(',')}`,
    useFactory: (registry: EventRegistry) => registry.registerUpcasters(...upcasters),
    inject: [EventRegistry],
  };
}
