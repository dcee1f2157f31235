import { MigrationInterface, QueryRunner } from 'typeorm';

/** The event store, its snapshots and the projection checkpoints. */
export class CreateEventStore1764200000000 implements MigrationInterface {
  name = 'CreateEventStore1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    const position = postgres ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
    const json = postgres ? 'JSONB' : 'TEXT';
    const time = postgres ? 'TIMESTAMPTZ' : 'TEXT';
    const bigint = postgres ? 'BIGINT' : 'INTEGER';
    await runner.query(`
      CREATE TABLE events (
        position ${position},
        stream_id VARCHAR(200) NOT NULL,
        stream_type VARCHAR(100) NOT NULL,
        version INTEGER NOT NULL,
        type VARCHAR(200) NOT NULL,
        schema_version INTEGER NOT NULL,
        data ${json} NOT NULL,
        metadata ${json} NOT NULL,
        occurred_at ${time} NOT NULL,
        CONSTRAINT uq_events_stream_version UNIQUE (stream_id, version)
      )`);
    await runner.query(`CREATE INDEX idx_events_type_position ON events (type, position)`);
    await runner.query(`
      CREATE TABLE snapshots (
        stream_id VARCHAR(200) NOT NULL,
        version INTEGER NOT NULL,
        schema_version INTEGER NOT NULL,
        state ${json} NOT NULL,
        taken_at ${time} NOT NULL,
        PRIMARY KEY (stream_id, version)
      )`);
    await runner.query(`
      CREATE TABLE projection_checkpoints (
        name VARCHAR(200) PRIMARY KEY,
        position ${bigint} NOT NULL,
        status VARCHAR(20) NOT NULL,
        last_error TEXT,
        updated_at ${time} NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE projection_checkpoints`);
    await runner.query(`DROP TABLE snapshots`);
    await runner.query(`DROP TABLE events`);
  }
}
