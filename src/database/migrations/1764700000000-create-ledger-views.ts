import { MigrationInterface, QueryRunner } from 'typeorm';

/** The read models of the ledger module: accounts, their movements, transfers. */
export class CreateLedgerViews1764700000000 implements MigrationInterface {
  name = 'CreateLedgerViews1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    const bigint = runner.connection.options.type === 'postgres' ? 'BIGINT' : 'INTEGER';
    await createAccountViews(runner, bigint);
    await createAccountTransactions(runner, bigint);
    await createTransferViews(runner, bigint);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE transfer_views`);
    await runner.query(`DROP TABLE account_transactions`);
    await runner.query(`DROP TABLE account_views`);
  }
}

async function createAccountViews(runner: QueryRunner, bigint: string): Promise<void> {
  await runner.query(`
    CREATE TABLE account_views (
      id VARCHAR(36) PRIMARY KEY,
      owner VARCHAR(100) NOT NULL,
      currency VARCHAR(3) NOT NULL,
      balance ${bigint} NOT NULL,
      status VARCHAR(10) NOT NULL,
      version INTEGER NOT NULL,
      created_position ${bigint} NOT NULL,
      updated_at VARCHAR(30) NOT NULL
    )`);
  await runner.query(`CREATE INDEX idx_account_views_created ON account_views (created_position)`);
}

async function createAccountTransactions(runner: QueryRunner, bigint: string): Promise<void> {
  await runner.query(`
    CREATE TABLE account_transactions (
      position ${bigint} PRIMARY KEY,
      account_id VARCHAR(36) NOT NULL,
      kind VARCHAR(20) NOT NULL,
      amount ${bigint} NOT NULL,
      balance_after ${bigint} NOT NULL,
      transfer_id VARCHAR(36),
      reference VARCHAR(200),
      occurred_at VARCHAR(30) NOT NULL
    )`);
  await runner.query(`CREATE INDEX idx_account_transactions_account ON account_transactions (account_id, position)`);
  // NULL transfer ids (deposits, withdrawals) are distinct from each other in both databases.
  await runner.query(`CREATE UNIQUE INDEX uq_account_transactions_transfer ON account_transactions (account_id, kind, transfer_id)`);
}

async function createTransferViews(runner: QueryRunner, bigint: string): Promise<void> {
  await runner.query(`
    CREATE TABLE transfer_views (
      id VARCHAR(36) PRIMARY KEY,
      from_account VARCHAR(36) NOT NULL,
      to_account VARCHAR(36) NOT NULL,
      amount ${bigint} NOT NULL,
      status VARCHAR(10) NOT NULL,
      reason VARCHAR(500),
      requested_at VARCHAR(30) NOT NULL,
      completed_at VARCHAR(30),
      requested_position ${bigint} NOT NULL
    )`);
  await runner.query(`CREATE INDEX idx_transfer_views_requested ON transfer_views (requested_position)`);
  await runner.query(`CREATE INDEX idx_transfer_views_from ON transfer_views (from_account, requested_position)`);
  await runner.query(`CREATE INDEX idx_transfer_views_to ON transfer_views (to_account, requested_position)`);
  await runner.query(`CREATE INDEX idx_transfer_views_status ON transfer_views (status, requested_position)`);
}
