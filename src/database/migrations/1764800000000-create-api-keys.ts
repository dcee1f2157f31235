import { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys (src/auth/api-keys): a name, the SHA-256 of the secret, roles, and when created and revoked. */
export class CreateApiKeys1764800000000 implements MigrationInterface {
  name = 'CreateApiKeys1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE api_keys (
        name VARCHAR(64) PRIMARY KEY,
        key_hash VARCHAR(64) NOT NULL UNIQUE,
        roles VARCHAR(100) NOT NULL,
        created_at VARCHAR(30) NOT NULL,
        revoked_at VARCHAR(30)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE api_keys`);
  }
}
