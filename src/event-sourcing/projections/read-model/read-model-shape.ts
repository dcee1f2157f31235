import type { DataSource, EntityTarget, ValueTransformer } from 'typeorm';
import type { ReadModelKey } from './read-model-rows';

/** One column of a read model: the entity's property, the table's column, its SQL type. */
export interface ReadModelColumn {
  property: string;
  name: string;
  sqlType: string;
  transformers: ValueTransformer[];
}

/** What the driver-level statements need to know of a read model's table, taken from its TypeORM entity. */
export interface ReadModelShape {
  table: string;
  key: ReadModelColumn;
  columns: ReadModelColumn[];
}

/**
 * Reads the shape from the entity's metadata, so that the statements use the very column names
 * the entity and its migration declare.
 */
export function readModelShape(dataSource: DataSource, entity: EntityTarget<object>): ReadModelShape {
  const metadata = dataSource.getMetadata(entity);
  if (metadata.primaryColumns.length !== 1) {
    throw new Error(`ReadModelTable(${metadata.tableName}) needs exactly one primary column, found ${metadata.primaryColumns.length}`);
  }
  const columns = metadata.columns.map((column) => ({
    property: column.propertyName,
    name: column.databaseName,
    sqlType: dataSource.driver.normalizeType(column),
    transformers: column.transformer === undefined ? [] : [column.transformer].flat(),
  }));
  const key = columns.find((column) => column.property === metadata.primaryColumns[0].propertyName)!;
  return { table: metadata.tableName, key, columns };
}

export const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The values of a row in column order, as the database stores them. */
export function toDatabase(shape: ReadModelShape, row: object): unknown[] {
  const values = row as Record<string, unknown>;
  return shape.columns.map(({ property, transformers }) =>
    transformers.length === 0 ? values[property] : transformers.reduce((value, transformer) => transformer.to(value), values[property]),
  );
}

/** A row read with its columns aliased to property names, turned back into the entity's values in place. */
export function fromDatabase<Row>(shape: ReadModelShape, row: Record<string, unknown>): Row {
  for (const column of shape.columns) {
    if (column.transformers.length === 0) continue;
    row[column.property] = column.transformers.reduceRight((value, transformer) => transformer.from(value), row[column.property]);
  }
  return row as Row;
}

/** Rows read with their columns aliased to property names, by key once turned back into the entity's values. */
export function byKey<Row>(shape: ReadModelShape, rows: Record<string, unknown>[]): Map<ReadModelKey, Row> {
  return new Map(rows.map((row) => [fromDatabase<Record<string, unknown>>(shape, row)[shape.key.property] as ReadModelKey, row as Row]));
}

/** `"created_position" AS "createdPosition", ...`: rows come back keyed by property. */
export const selectList = (shape: ReadModelShape): string => shape.columns.map((column) => `${quoted(column.name)} AS ${quoted(column.property)}`).join(', ');

export const columnList = (shape: ReadModelShape): string => shape.columns.map((column) => quoted(column.name)).join(', ');

/** The clause that turns an INSERT into an upsert on the key, in the syntax SQLite and PostgreSQL share. */
export function onConflictUpdate(shape: ReadModelShape): string {
  const others = shape.columns.filter((column) => column !== shape.key);
  if (others.length === 0) return `ON CONFLICT (${quoted(shape.key.name)}) DO NOTHING`;
  return `ON CONFLICT (${quoted(shape.key.name)}) DO UPDATE SET ${others.map((column) => `${quoted(column.name)} = excluded.${quoted(column.name)}`).join(', ')}`;
}
