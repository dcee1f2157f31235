import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each idempotent command answered (HTTP Idempotency-Key, process managers' derived ids),
 * written with the command's events. `body` is the answer's JSON text as sent (TEXT on both
 * databases: JSONB would reorder its keys). On SQLite the rows live in the primary key's own
 * B-tree (WITHOUT ROWID): one tree less to write in every command's transaction.
 */
export class CreateProcessedCommands1764600000000 implements MigrationInterface {
  name = 'CreateProcessedCommands1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    const time = postgres ? 'TIMESTAMPTZ' : 'TEXT';
    await runner.query(`
      CREATE TABLE processed_commands (
        scope VARCHAR(200) NOT NULL,
        key VARCHAR(200) NOT NULL,
        fingerprint VARCHAR(64) NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        created_at ${time} NOT NULL,
        PRIMARY KEY (scope, key)
      )${postgres ? '' : ' WITHOUT ROWID'}`);
    await runner.query(`CREATE INDEX idx_processed_commands_created ON processed_commands (created_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE processed_commands`);
  }
}
