import { once } from 'node:events';
import { SqliteWriterLock } from '../src/database/sqlite-writer-lock';
import { spawnApp } from './support/child-app';
import { tempSqliteUrl } from './support/temp-database';

describe('One writer process per SQLite database', () => {
  const db = tempSqliteUrl();
  afterAll(() => db.cleanup());

  it('refuses to start a second service on a database another one holds, and frees it when that one is killed', async () => {
    const first = await spawnApp({ DATABASE_URL: db.url });
    try {
      const second = await spawnApp({ DATABASE_URL: db.url }, { answering: false });
      const [code] = await once(second.process, 'exit');
      expect(code).toBe(1);
      expect(second.output()).toContain(`Another process holds ${db.file} for writing`);
      expect(SqliteWriterLock.tryAcquire(db.file)).toBeNull();
    } finally {
      await first.kill();
    }
    const lock = SqliteWriterLock.tryAcquire(db.file);
    expect(lock).not.toBeNull();
    lock!.release();
  }, 120_000);
});
