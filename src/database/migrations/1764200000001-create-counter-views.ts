import { MigrationInterface, QueryRunner } from 'typeorm';

/** The read model of the counters module, maintained by CounterViewProjection. */
export class CreateCounterViews1764200000001 implements MigrationInterface {
  name = 'CreateCounterViews1764200000001';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    const bigint = postgres ? 'BIGINT' : 'INTEGER';
    await runner.query(`
      CREATE TABLE counter_views (
        id VARCHAR(36) PRIMARY KEY,
        name VARCHAR(100) NOT NULL,
        value ${bigint} NOT NULL,
        version INTEGER NOT NULL,
        created_position ${bigint} NOT NULL,
        updated_at VARCHAR(30) NOT NULL
      )`);
    await runner.query(`CREATE INDEX idx_counter_views_created ON counter_views (created_position)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE counter_views`);
  }
}
