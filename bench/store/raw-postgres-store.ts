import { Client } from 'pg';
import { INSERT_COLUMNS } from '../../src/event-sourcing/store/event-columns';
import { rowValues } from './item-events';
import type { StoreWriter } from './workloads';

class StaleVersionError extends Error {}

/**
 * The PostgreSQL baseline: one plain pg connection on the same schema, an append is a transaction
 * of `SELECT MAX(version)` and one multi-row INSERT, both as named (server-prepared) statements.
 */
export async function rawPostgresStore(url: string): Promise<StoreWriter> {
  const client = new Client({ connectionString: url });
  await client.connect();

  const insert = (rows: number) => ({
    name: `raw-insert-${rows}`,
    text: `INSERT INTO events ${INSERT_COLUMNS} VALUES ${Array.from({ length: rows }, (_, r) =>
      `(${Array.from({ length: 8 }, (_, c) => `$${r * 8 + c + 1}`).join(', ')})`,
    ).join(', ')}`,
  });

  return {
    append: async (streamId, events, expectedVersion) => {
      await client.query('BEGIN');
      try {
        const { rows } = await client.query<{ v: number | null }>({
          name: 'raw-current-version',
          text: 'SELECT MAX(version) AS v FROM events WHERE stream_id = $1',
          values: [streamId],
        });
        const current = rows[0].v ?? 0;
        if (current !== expectedVersion) throw new StaleVersionError(`${streamId} is at ${current}, not ${expectedVersion}`);
        const values = events.flatMap((event, i) => rowValues(streamId, current + i + 1, event));
        await client.query({ ...insert(events.length), values });
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    isConflict: (error) => error instanceof StaleVersionError,
    close: () => client.end(),
  };
}
