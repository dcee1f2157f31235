import { Injectable } from '@nestjs/common';
import type BetterSqlite3 from 'better-sqlite3';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { CounterView } from '../projections/counter-view.entity';

const BY_ID = 'SELECT id, name, value, version, created_position AS "createdPosition", updated_at AS "updatedAt" FROM counter_views WHERE id = ';

/** A row as the driver returns it: PostgreSQL's driver gives BIGINT columns as text. */
type RawView = Omit<CounterView, 'value' | 'createdPosition'> & { value: number | string; createdPosition: number | string };

/**
 * One counter_views row by id, through the driver on TypeORM's own connection (SQLite) or pool
 * (PostgreSQL). Building the query and hydrating an entity through TypeORM cost more CPU than
 * the read itself (the `GET /counters/:id` profile in docs/BENCHMARKS.md); a statement prepared
 * once costs almost nothing per call.
 */
@Injectable()
export class CounterViewReader {
  private sqliteStatement?: BetterSqlite3.Statement<[string], RawView>;

  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<CounterView | null> {
    const row = this.dataSource.options.type === 'postgres' ? await this.readPostgres(id) : this.readSqlite(id);
    return row ? { ...row, value: Number(row.value), createdPosition: Number(row.createdPosition) } : null;
  }

  private readSqlite(id: string): RawView | undefined {
    const connection = (this.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
    // Prepared again should the DataSource ever open a new connection.
    if (this.sqliteStatement?.database !== connection) this.sqliteStatement = connection.prepare<[string], RawView>(`${BY_ID}?`);
    return this.sqliteStatement.get(id);
  }

  private async readPostgres(id: string): Promise<RawView | undefined> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    // Named: each pooled connection parses and plans it once.
    const { rows } = await pool.query<RawView>({ name: 'counter-view-by-id', text: `${BY_ID}$1`, values: [id] });
    return rows[0];
  }
}
