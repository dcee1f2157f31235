import { InvalidEventError, UnknownEventTypeError, UnsupportedSchemaVersionError } from '../serialization/serialization.errors';

/** A fault of the storage itself: writes cannot succeed until an operator acts (or space frees up). */
export type StorageFault = 'full' | 'read-only';

// SQLite result codes (better-sqlite3 `code`) and PostgreSQL SQLSTATEs, as TypeORM passes them on.
const FULL = /^(SQLITE_FULL|53100)$/;
const READ_ONLY = /^(SQLITE_READONLY(_\w+)?|25006)$/;
// Deadlock, serialization failure, lock not available, SQLite busy: another writer got in the way.
const CONFLICT = /^(40P01|40001|55P03|SQLITE_BUSY(_\w+)?|SQLITE_LOCKED(_\w+)?)$/;

const SHORT_DESCRIPTIONS: [RegExp, string][] = [
  [FULL, 'the database is full'],
  [READ_ONLY, 'the database is read-only'],
  [CONFLICT, 'a concurrent write got in the way'],
  [/^22001$/, 'a value is too long for a read-model column'],
  [/^(22P05|22021|22P02)$/, 'a value the database cannot store'],
  [/^(SQLITE_CONSTRAINT|23)/, 'a read-model constraint was violated'],
  [/^(08|57P0|ECONN|ETIMEDOUT|SQLITE_CANTOPEN|SQLITE_IOERR)/, 'the database could not be reached'],
  [/^57014$/, 'a statement took too long and was cancelled'],
];

/**
 * What a projection reports when an event fails: `message`, short and classified, for public
 * status routes (no database text, which may quote data); `detail`, the full error, for the log.
 */
export function describeEventFailure(event: { type: string; position: number }, error: unknown): { message: string; detail: string } {
  const where = `${event.type} at position ${event.position}`;
  return { message: `${where}: ${describeFailure(error)}`, detail: `${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
}

/** The SQLite or PostgreSQL error code an error carries (TypeORM keeps the driver's on `driverError`). */
export function databaseErrorCode(error: unknown): string | null {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : null;
}

export function storageFaultOf(error: unknown): StorageFault | null {
  const code = databaseErrorCode(error);
  if (code === null) return null;
  return FULL.test(code) ? 'full' : READ_ONLY.test(code) ? 'read-only' : null;
}

/** A write that lost to a concurrent one at the database level: safe to retry, or to answer 409. */
export function isWriteConflict(error: unknown): boolean {
  const code = databaseErrorCode(error);
  return code !== null && CONFLICT.test(code);
}

/**
 * A short, classified reason for a failure, for public status routes: no database text, no
 * values from the data (the full error goes to the logs).
 */
export function describeFailure(error: unknown): string {
  if (error instanceof UnknownEventTypeError || error instanceof UnsupportedSchemaVersionError) return 'the event cannot be read by this release';
  if (error instanceof InvalidEventError) return 'the event breaks its class\'s validation rules';
  const code = databaseErrorCode(error);
  const known = code && SHORT_DESCRIPTIONS.find(([pattern]) => pattern.test(code));
  if (known) return known[1];
  if (code || (error as Error | null)?.name === 'QueryFailedError') return 'the database refused the write';
  return 'the projection handler threw an error';
}
