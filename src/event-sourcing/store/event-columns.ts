import type { StoredEvent } from './stored-event';

/** The `events` columns a read selects, in the same order on every database. */
export const EVENT_COLUMNS = 'position, stream_id, stream_type, version, type, schema_version, data, metadata, occurred_at';

/** The columns an append writes (the database draws `position`), matching `insertValues`. */
export const INSERT_COLUMNS = '(stream_id, stream_type, version, type, schema_version, data, metadata, occurred_at)';

/** One event's bound parameters for `INSERT_COLUMNS`. */
export function insertValues(event: StoredEvent): unknown[] {
  return [
    event.streamId,
    event.streamType,
    event.version,
    event.type,
    event.schemaVersion,
    JSON.stringify(event.data),
    JSON.stringify(event.metadata),
    event.occurredAt.toISOString(),
  ];
}
