import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import type BetterSqlite3 from 'better-sqlite3';

/** The prepared read every stack serves: one counter_views-like row by id. */
export const ROW_READER = Symbol('row-reader');
export type RowReader = (id: string) => { id: string; name: string; value: number; version: number; updatedAt: string } | undefined;

export function rowReader(database: BetterSqlite3.Database): RowReader {
  const statement = database.prepare<[string], ReturnType<RowReader>>('SELECT id, name, value, version, updated_at AS updatedAt FROM counter_views WHERE id = ?');
  return (id) => statement.get(id);
}

/** What a header setter looks like on both Express's response and Fastify's reply. */
interface HeaderSetter {
  header(name: string, value: string): unknown;
}

/**
 * The same two routes on each adapter: the bare GET of src/bench-baselines and a one-row read
 * shaped like `GET /counters/:id` (UUID pipe, ETag header, JSON answer), with none of the app's
 * global middleware, so the two adapters are compared on their own cost.
 */
@Controller()
export class StackRoutesController {
  constructor(@Inject(ROW_READER) private readonly read: RowReader) {}

  @Get('bench/bare')
  bare(): { ok: true } {
    return { ok: true };
  }

  @Get('counters/:id')
  counter(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) response: HeaderSetter): NonNullable<ReturnType<RowReader>> {
    const row = this.read(id);
    if (!row) throw new NotFoundException();
    response.header('ETag', `"${row.version}"`);
    return row;
  }
}
