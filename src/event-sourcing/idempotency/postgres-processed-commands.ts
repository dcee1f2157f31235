import type { Pool, PoolClient } from 'pg';
import { APPEND_LOCK, CHRONICLE_LOCK_SPACE } from '../store/postgres-advisory-locks';
import type { CommandKey, ProcessedCommand } from './processed-command';
import { ProcessedCommands } from './processed-commands';

type Row = { scope: string; key: string; fingerprint: string; status: number; body: string; created_at: Date };
type Db = Pool | PoolClient;

/**
 * `processed_commands` on PostgreSQL. Every write to it holds the cluster-wide append lock (as
 * appends do), so the check an append makes under that lock cannot be overtaken by a refusal
 * recorded on another instance.
 */
export class PostgresProcessedCommands extends ProcessedCommands {
  constructor(private readonly pool: Pool) {
    super();
  }

  async find({ scope, key }: CommandKey): Promise<ProcessedCommand | null> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM processed_commands WHERE scope = $1 AND key = $2', [scope, key]);
    return rows[0] ? toProcessedCommand(rows[0]) : null;
  }

  async recordRefusal(command: ProcessedCommand): Promise<ProcessedCommand> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [CHRONICLE_LOCK_SPACE, APPEND_LOCK]);
      const inserted = await insertProcessedCommands(client, [command]);
      await client.query('COMMIT');
      return inserted === 1 ? command : ((await this.find(command)) ?? command);
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async purgeBefore(before: Date): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM processed_commands WHERE created_at < $1', [before]);
    return rowCount ?? 0;
  }
}

/** The keys among `keys` already recorded (for an append, under the append lock). */
export async function alreadyProcessed(db: Db, keys: CommandKey[]): Promise<CommandKey[]> {
  if (keys.length === 0) return [];
  const { rows } = await db.query<CommandKey>(
    'SELECT scope, key FROM processed_commands WHERE (scope, key) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
    [keys.map((k) => k.scope), keys.map((k) => k.key)],
  );
  return rows;
}

/** Inserts the records not there yet, in one statement; resolves to how many were. */
export async function insertProcessedCommands(db: Db, commands: ProcessedCommand[]): Promise<number> {
  if (commands.length === 0) return 0;
  const columns = ['scope', 'key', 'fingerprint', 'status', 'body', 'created_at'];
  const placeholders = commands.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
  const values = commands.flatMap(({ scope, key, fingerprint, answer, createdAt }) => [
    scope,
    key,
    fingerprint,
    answer.status,
    JSON.stringify(answer.body ?? null),
    createdAt,
  ]);
  const { rowCount } = await db.query(
    `INSERT INTO processed_commands (${columns.join(', ')}) VALUES ${placeholders.join(', ')} ON CONFLICT DO NOTHING`,
    values,
  );
  return rowCount ?? 0;
}

function toProcessedCommand(row: Row): ProcessedCommand {
  return {
    scope: row.scope,
    key: row.key,
    fingerprint: row.fingerprint,
    answer: { status: row.status, body: JSON.parse(row.body) },
    createdAt: row.created_at,
  };
}
