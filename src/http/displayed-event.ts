import { Logger } from '@nestjs/common';
import { EventRegistry, StoredEvent, UnknownEventTypeError, UnsupportedSchemaVersionError } from '../event-sourcing';

const logger = new Logger('Feeds');
// What each app (registry) has already reported.
const reported = new WeakMap<EventRegistry, Set<string>>();

/**
 * An event as the feeds and the audit trail show it: upcast to its class's current schema, or, when
 * this release cannot read it (a type without a class, or a newer schema version), as stored, so a
 * reader can page past it instead of meeting a 500. Logged once per type and version.
 */
export function displayedEvent(registry: EventRegistry, event: StoredEvent): StoredEvent {
  try {
    return registry.upcast(event);
  } catch (error) {
    if (!(error instanceof UnknownEventTypeError || error instanceof UnsupportedSchemaVersionError)) throw error;
    const key = `${event.type}@${event.schemaVersion}`;
    const seen = reported.get(registry) ?? reported.set(registry, new Set()).get(registry)!;
    if (!seen.has(key)) {
      seen.add(key);
      logger.warn(`${error.message}: served as stored`);
    }
    return event;
  }
}
