import type Database from 'better-sqlite3';
import type { SqliteWriteLock } from '../store/sqlite-write-lock';
import type { CommandKey, ProcessedCommand } from './processed-command';
import { ProcessedCommands } from './processed-commands';

type Row = { fingerprint: string; status: number; body: string; created_at: string };

/**
 * `processed_commands` on better-sqlite3. `alreadyProcessed` and `insert` are synchronous, for the
 * event store to call inside an append's transaction (under the write lock it already holds).
 */
export class SqliteProcessedCommands extends ProcessedCommands {
  private readonly select: Database.Statement;
  private readonly insertRow: Database.Statement;
  private readonly purge: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly writeLock: SqliteWriteLock,
  ) {
    super();
    this.select = db.prepare('SELECT fingerprint, status, body, created_at FROM processed_commands WHERE scope = ? AND key = ?');
    this.insertRow = db.prepare(
      'INSERT INTO processed_commands (scope, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.purge = db.prepare('DELETE FROM processed_commands WHERE created_at < ?');
  }

  async find(key: CommandKey): Promise<ProcessedCommand | null> {
    return this.findNow(key);
  }

  async recordRefusal(command: ProcessedCommand): Promise<ProcessedCommand> {
    return this.writeLock.run(() => (this.insert([command]) === 1 ? command : this.findNow(command)!));
  }

  async purgeBefore(before: Date): Promise<number> {
    return this.writeLock.run(() => this.purge.run(before.toISOString()).changes);
  }

  /** The keys among `keys` that are recorded already. */
  alreadyProcessed(keys: CommandKey[]): CommandKey[] {
    return keys.filter((key) => this.select.get(key.scope, key.key) !== undefined);
  }

  /** Inserts the records that are not there yet; returns how many were. */
  insert(commands: ProcessedCommand[]): number {
    let inserted = 0;
    for (const { scope, key, fingerprint, answer, createdAt } of commands) {
      inserted += this.insertRow.run(scope, key, fingerprint, answer.status, JSON.stringify(answer.body ?? null), createdAt.toISOString()).changes;
    }
    return inserted;
  }

  private findNow({ scope, key }: CommandKey): ProcessedCommand | null {
    const row = this.select.get(scope, key) as Row | undefined;
    if (!row) return null;
    return { scope, key, fingerprint: row.fingerprint, answer: { status: row.status, body: JSON.parse(row.body) }, createdAt: new Date(row.created_at) };
  }
}
