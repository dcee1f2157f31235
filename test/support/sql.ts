import type { DataSource } from 'typeorm';

/** Test SQL is written with `?` placeholders; PostgreSQL wants `$1, $2, …`. */
export function sql(dataSource: DataSource, text: string): string {
  if (dataSource.options.type !== 'postgres') return text;
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}
