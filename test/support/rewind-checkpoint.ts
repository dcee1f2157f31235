import { sql } from './sql';
import { openStore } from './store-backends';

/**
 * Moves a projection's or process manager's checkpoint back to `position` while the service is
 * stopped: what a crash after its work but before its checkpoint commit leaves behind, for a
 * whole stretch of the log at once.
 */
export async function rewindCheckpoint(databaseUrl: string, name: string, position = 0): Promise<void> {
  const fixture = await openStore(databaseUrl, () => undefined);
  try {
    const { dataSource } = fixture;
    await dataSource.query(sql(dataSource, 'UPDATE projection_checkpoints SET position = ? WHERE name = ?'), [position, name]);
  } finally {
    await fixture.close();
  }
}
