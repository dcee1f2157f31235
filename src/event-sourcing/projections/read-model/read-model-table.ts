import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource, EntityManager } from 'typeorm';
import { PostgresReadModel } from './postgres-read-model';
import type { ReadModelRows } from './read-model-rows';
import { readModelShape } from './read-model-shape';
import { SqliteReadModel } from './sqlite-read-model';

export type { ReadModelKey, ReadModelRows } from './read-model-rows';

/**
 * A projection's table, written through statements prepared on the driver rather than through
 * TypeORM's query builder, whose per-parameter work dominated projection batches. Declared once
 * from the read model's entity (its one primary column is the key, its column names are the
 * migration's), then bound to the batch's transaction:
 *
 * ```ts
 * const counterViews = new ReadModelTable(CounterView);
 * // in handleBatch(events, manager):
 * const views = counterViews.in(manager);
 * const rows = await views.getMany(ids);
 * await views.upsert(rows.values());
 * ```
 *
 * Values are bound as the entity holds them after its column transformers: strings, numbers, null.
 */
export class ReadModelTable<Row extends object> {
  private readonly sqlite = new WeakMap<BetterSqlite3.Database, SqliteReadModel<Row>>();
  private readonly postgres = new WeakMap<DataSource, PostgresReadModel>();

  constructor(private readonly entity: new () => Row) {}

  /** The table as seen from `manager`'s transaction (the projection batch's). */
  in(manager: EntityManager): ReadModelRows<Row> {
    const dataSource = manager.connection;
    if (dataSource.options.type === 'postgres') return this.onPostgres(dataSource).in<Row>(manager);
    if (dataSource.options.type === 'better-sqlite3') return this.onSqlite(dataSource);
    throw new Error(`ReadModelTable does not support database type '${dataSource.options.type}'`);
  }

  private onSqlite(dataSource: DataSource): SqliteReadModel<Row> {
    // Keyed by the connection, not the DataSource: statements belong to the connection they were prepared on.
    const db = (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
    let statements = this.sqlite.get(db);
    if (!statements) this.sqlite.set(db, (statements = new SqliteReadModel<Row>(db, readModelShape(dataSource, this.entity))));
    return statements;
  }

  private onPostgres(dataSource: DataSource): PostgresReadModel {
    let statements = this.postgres.get(dataSource);
    if (!statements) this.postgres.set(dataSource, (statements = new PostgresReadModel(readModelShape(dataSource, this.entity))));
    return statements;
  }
}
