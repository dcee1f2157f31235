import { MigrationInterface, QueryRunner } from 'typeorm';

/** Events an operator parked out of a projection's way (see projections/event-parking.ts). */
export class CreateParkedEvents1764500000000 implements MigrationInterface {
  name = 'CreateParkedEvents1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    await runner.query(`
      CREATE TABLE parked_events (
        projection VARCHAR(200) NOT NULL,
        position ${postgres ? 'BIGINT' : 'INTEGER'} NOT NULL,
        type VARCHAR(200) NOT NULL,
        error TEXT NOT NULL,
        parked_at ${postgres ? 'TIMESTAMPTZ' : 'TEXT'} NOT NULL,
        PRIMARY KEY (projection, position)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE parked_events`);
  }
}
