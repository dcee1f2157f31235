/** A stored event whose type no registered class (or upcaster) knows: never skipped silently. */
export class UnknownEventTypeError extends Error {
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
  ) {
    super(`No event class is registered for stored type '${type}' (schema version ${schemaVersion})`);
    this.name = 'UnknownEventTypeError';
  }
}

/** A stored event whose schema version its class cannot read, and no upcaster bridges. */
export class UnsupportedSchemaVersionError extends Error {
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
    readonly supported: number,
  ) {
    super(`Stored event '${type}' has schema version ${schemaVersion}, this release reads version ${supported}`);
    this.name = 'UnsupportedSchemaVersionError';
  }
}
