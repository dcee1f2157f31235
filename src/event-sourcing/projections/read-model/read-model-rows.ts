/** A key value of a read model's row (its one primary column). */
export type ReadModelKey = string | number;

/**
 * A read model's table as seen from one transaction (the batch's `EntityManager`): what a
 * projection reads and writes, each call one prepared statement per row (SQLite) or one per
 * call (PostgreSQL), whatever the number of rows.
 */
export interface ReadModelRows<Row extends object> {
  /** The rows that exist among `keys`, by key. */
  getMany(keys: Iterable<ReadModelKey>): Promise<Map<ReadModelKey, Row>>;
  /** Inserts the rows, or replaces every column of those whose key exists. At most one row per key. */
  upsert(rows: Iterable<Row>): Promise<void>;
  /** Inserts the rows; a row whose key (or any unique index) exists fails the whole call. */
  insert(rows: Iterable<Row>): Promise<void>;
  delete(keys: Iterable<ReadModelKey>): Promise<void>;
  /** Deletes every row (a rebuild starts from an empty read model). */
  clear(): Promise<void>;
}
