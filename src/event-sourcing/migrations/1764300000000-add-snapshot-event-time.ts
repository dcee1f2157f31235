import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Snapshots remember when their last event occurred, so a query "as of a time" can start from a
 * snapshot without reading the events before it. Nullable: a row without it is only used by version.
 */
export class AddSnapshotEventTime1764300000000 implements MigrationInterface {
  name = 'AddSnapshotEventTime1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    const time = runner.connection.options.type === 'postgres' ? 'TIMESTAMPTZ' : 'TEXT';
    await runner.query(`ALTER TABLE snapshots ADD COLUMN occurred_at ${time}`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE snapshots DROP COLUMN occurred_at`);
  }
}
