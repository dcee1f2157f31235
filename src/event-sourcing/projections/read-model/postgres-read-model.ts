import type { PoolClient, QueryConfig } from 'pg';
import type { EntityManager } from 'typeorm';
import { byKey, columnList, onConflictUpdate, quoted, ReadModelShape, selectList, toDatabase } from './read-model-shape';
import type { ReadModelRows } from './read-model-rows';

// One name per statement text for the whole process: a connection that prepared a name prepared it
// with this text, whichever read model or DataSource asked first.
const names = new Map<string, string>();
const named = (text: string): { name: string; text: string } => {
  if (!names.has(text)) names.set(text, `chronicle_read_model_${names.size + 1}`);
  return { name: names.get(text)!, text };
};

/**
 * The statements of one read model on PostgreSQL: one named (server-side prepared) statement per
 * call whatever the number of rows, rows passed as one array per column through `unnest`, on
 * the transaction's own connection so that they commit with the projection's checkpoint.
 */
export class PostgresReadModel {
  private readonly select: { name: string; text: string };
  private readonly upsertRows: { name: string; text: string };
  private readonly insertRows: { name: string; text: string };
  private readonly deleteRows: { name: string; text: string };
  private readonly deleteAll: { name: string; text: string };

  constructor(private readonly shape: ReadModelShape) {
    const table = quoted(shape.table);
    const key = quoted(shape.key.name);
    const arrays = shape.columns.map((column, i) => `$${i + 1}::${column.sqlType}[]`).join(', ');
    const insert = `INSERT INTO ${table} (${columnList(shape)}) SELECT * FROM unnest(${arrays})`;
    this.select = named(`SELECT ${selectList(shape)} FROM ${table} WHERE ${key} = ANY($1::${shape.key.sqlType}[])`);
    this.upsertRows = named(`${insert} ${onConflictUpdate(shape)}`);
    this.insertRows = named(insert);
    this.deleteRows = named(`DELETE FROM ${table} WHERE ${key} = ANY($1::${shape.key.sqlType}[])`);
    this.deleteAll = named(`DELETE FROM ${table}`);
  }

  in<Row extends object>(manager: EntityManager): ReadModelRows<Row> {
    const run = (statement: { name: string; text: string }, values: unknown[] = []) => query(manager, { ...statement, values });
    const columns = (rows: Iterable<Row>) => this.columnArrays(rows);
    return {
      getMany: async (keys) => {
        const wanted = [...new Set(keys)];
        const found = wanted.length === 0 ? [] : await run(this.select, [wanted]);
        return byKey(this.shape, found);
      },
      upsert: async (rows) => void (await ifAny(columns(rows), (values) => run(this.upsertRows, values))),
      insert: async (rows) => void (await ifAny(columns(rows), (values) => run(this.insertRows, values))),
      delete: async (keys) => {
        const doomed = [...keys];
        if (doomed.length > 0) await run(this.deleteRows, [doomed]);
      },
      clear: async () => void (await run(this.deleteAll)),
    };
  }

  /** One array per column, for `unnest`; empty arrays when there is no row. */
  private columnArrays(rows: Iterable<object>): unknown[][] {
    const arrays: unknown[][] = this.shape.columns.map(() => []);
    for (const row of rows) toDatabase(this.shape, row).forEach((value, i) => arrays[i].push(value));
    return arrays;
  }
}

async function ifAny(columns: unknown[][], write: (values: unknown[][]) => Promise<unknown>): Promise<void> {
  if (columns[0].length > 0) await write(columns);
}

/** On the transaction's connection when there is one (the batch's), else through TypeORM's pool. */
async function query(manager: EntityManager, config: QueryConfig): Promise<Record<string, unknown>[]> {
  const runner = manager.queryRunner;
  if (!runner) return (await manager.query(config.text, config.values)) as Record<string, unknown>[];
  const client = (await runner.connect()) as PoolClient;
  return (await client.query<Record<string, unknown>>(config)).rows;
}
