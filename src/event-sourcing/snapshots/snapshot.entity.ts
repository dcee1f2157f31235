import { Column, Entity, PrimaryColumn } from 'typeorm';

// The state column is TEXT on SQLite and JSONB on PostgreSQL: write text, accept either back.
const json = {
  to: (value: unknown) => JSON.stringify(value),
  from: (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value),
};
// TEXT (ISO-8601) on SQLite, TIMESTAMPTZ on PostgreSQL.
const instant = {
  to: (value: Date | string | null | undefined) => (value instanceof Date ? value.toISOString() : value),
  from: (value: Date | string | null) => (value === null || value instanceof Date ? value : new Date(value)),
};

/** One row of `snapshots`: an aggregate's state as of a stream version. */
@Entity('snapshots')
export class SnapshotRecord {
  @PrimaryColumn({ name: 'stream_id', type: 'varchar', length: 200 })
  streamId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  /** The aggregate's snapshot schema version (its policy's), not an event schema version. */
  @Column({ name: 'schema_version', type: 'integer' })
  schemaVersion: number;

  @Column({ type: 'text', transformer: json })
  state: Record<string, unknown>;

  @Column({ name: 'taken_at', type: 'varchar', transformer: instant })
  takenAt: Date;

  /** When the event at `version` occurred: lets a query "as of a time" pick this snapshot. */
  @Column({ name: 'occurred_at', type: 'varchar', nullable: true, transformer: instant })
  occurredAt: Date | null;
}
