import type Database from 'better-sqlite3';
import type { SqliteWriteLock } from '../store/sqlite-write-lock';
import { CommandAlreadyProcessedError, CommandKey, ProcessedCommand } from './processed-command';
import { ProcessedCommands } from './processed-commands';

type Row = { fingerprint: string; status: number; body: string; created_at: string };

/**
 * `processed_commands` on better-sqlite3. `alreadyProcessed` and `insert` are synchronous, for the
 * event store to call inside an append's transaction (under the write lock it already holds).
 */
export class SqliteProcessedCommands extends ProcessedCommands {
  private readonly select: Database.Statement;
  private readonly insertRow: Database.Statement;
  private readonly insertIfAbsent: Database.Statement;
  private readonly purge: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly writeLock: SqliteWriteLock,
  ) {
    super();
    this.select = db.prepare('SELECT fingerprint, status, body, created_at FROM processed_commands WHERE scope = ? AND key = ?');
    const insert = 'INSERT INTO processed_commands (scope, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)';
    this.insertRow = db.prepare(insert);
    this.insertIfAbsent = db.prepare(`${insert} ON CONFLICT DO NOTHING`);
    this.purge = db.prepare('DELETE FROM processed_commands WHERE created_at < ?');
  }

  async find(key: CommandKey): Promise<ProcessedCommand | null> {
    return this.findNow(key);
  }

  async recordRefusal(command: ProcessedCommand): Promise<ProcessedCommand> {
    return this.writeLock.run(() => (this.insertIfAbsent.run(...values(command)).changes === 1 ? command : this.findNow(command)!));
  }

  async purgeBefore(before: Date): Promise<number> {
    return this.writeLock.run(() => this.purge.run(before.toISOString()).changes);
  }

  /**
   * Inserts the records of an append's commands (inside its transaction).
   * @throws CommandAlreadyProcessedError when one is recorded already (the caller rolls the append back).
   */
  insert(commands: ProcessedCommand[]): void {
    try {
      for (const command of commands) this.insertRow.run(...values(command));
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw error;
      throw new CommandAlreadyProcessedError(commands.filter((key) => this.select.get(key.scope, key.key) !== undefined));
    }
  }

  private findNow({ scope, key }: CommandKey): ProcessedCommand | null {
    const row = this.select.get(scope, key) as Row | undefined;
    if (!row) return null;
    return { scope, key, fingerprint: row.fingerprint, answer: { status: row.status, body: JSON.parse(row.body) }, createdAt: new Date(row.created_at) };
  }
}

function values({ scope, key, fingerprint, answer, createdAt }: ProcessedCommand): unknown[] {
  return [scope, key, fingerprint, answer.status, JSON.stringify(answer.body ?? null), createdAt.toISOString()];
}
