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
    super(
      `Stored event '${type}' has schema version ${schemaVersion}, this release reads version ${supported} ` +
        `and no chain of upcasters leads there`,
    );
    this.name = 'UnsupportedSchemaVersionError';
  }
}

/** An event about to be appended breaks its class's validation rules: a programming error, nothing is written. */
export class InvalidEventError extends Error {
  constructor(
    readonly type: string,
    readonly problems: string[],
  ) {
    super(`Refusing to append an invalid '${type}' event: ${problems.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}
