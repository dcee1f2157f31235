import type BetterSqlite3 from 'better-sqlite3';
import { columnList, fromDatabase, onConflictUpdate, quoted, ReadModelShape, selectList, toDatabase } from './read-model-shape';
import type { ReadModelKey, ReadModelRows } from './read-model-rows';

/**
 * The statements of one read model on one SQLite connection, prepared once. better-sqlite3 runs
 * a prepared statement in a few microseconds, so one run per row costs less than building a
 * multi-row statement; there is one connection, so they run in whatever transaction is open on it
 * (the projection batch's).
 */
export class SqliteReadModel<Row extends object> implements ReadModelRows<Row> {
  private readonly select: BetterSqlite3.Statement;
  private readonly upsertRow: BetterSqlite3.Statement;
  private readonly insertRow: BetterSqlite3.Statement;
  private readonly deleteRow: BetterSqlite3.Statement;
  private readonly deleteAll: BetterSqlite3.Statement;

  constructor(
    db: BetterSqlite3.Database,
    private readonly shape: ReadModelShape,
  ) {
    const table = quoted(shape.table);
    const key = quoted(shape.key.name);
    const insert = `INSERT INTO ${table} (${columnList(shape)}) VALUES (${shape.columns.map(() => '?').join(', ')})`;
    this.select = db.prepare(`SELECT ${selectList(shape)} FROM ${table} WHERE ${key} = ?`);
    this.upsertRow = db.prepare(`${insert} ${onConflictUpdate(shape)}`);
    this.insertRow = db.prepare(insert);
    this.deleteRow = db.prepare(`DELETE FROM ${table} WHERE ${key} = ?`);
    this.deleteAll = db.prepare(`DELETE FROM ${table}`);
  }

  // async, though synchronous underneath: a failing statement rejects, as on PostgreSQL.
  async getMany(keys: Iterable<ReadModelKey>): Promise<Map<ReadModelKey, Row>> {
    const rows = new Map<ReadModelKey, Row>();
    for (const key of new Set(keys)) {
      const row = this.select.get(key) as Record<string, unknown> | undefined;
      if (row) rows.set(key, fromDatabase<Row>(this.shape, row));
    }
    return rows;
  }

  async upsert(rows: Iterable<Row>): Promise<void> {
    return this.runEach(this.upsertRow, rows);
  }

  async insert(rows: Iterable<Row>): Promise<void> {
    return this.runEach(this.insertRow, rows);
  }

  async delete(keys: Iterable<ReadModelKey>): Promise<void> {
    for (const key of keys) this.deleteRow.run(key);
  }

  async clear(): Promise<void> {
    this.deleteAll.run();
  }

  private async runEach(statement: BetterSqlite3.Statement, rows: Iterable<Row>): Promise<void> {
    for (const row of rows) statement.run(...toDatabase(this.shape, row));
  }
}
