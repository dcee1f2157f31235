import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `counter_views.name` becomes TEXT on PostgreSQL: a read model must hold whatever the event it
 * is built from holds, or one accepted event stops the projection for good. SQLite never enforced
 * the VARCHAR length, so it needs no change.
 */
export class CounterViewNameAsText1764400000000 implements MigrationInterface {
  name = 'CounterViewNameAsText1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'postgres') return;
    await runner.query(`ALTER TABLE counter_views ALTER COLUMN name TYPE TEXT`);
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'postgres') return;
    await runner.query(`ALTER TABLE counter_views ALTER COLUMN name TYPE VARCHAR(100)`);
  }
}
