import { validateEnvironment } from '../../src/config/environment';
import { initializeDataSource } from '../../src/event-sourcing';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import { postgresPool } from '../../src/event-sourcing/store/store-factories';
import { describeOn, postgresBackend } from '../support/store-backends';

describeOn(postgresBackend, 'Connection settings', () => {
  it('sizes the pool by DATABASE_POOL_SIZE and cancels statements after DATABASE_STATEMENT_TIMEOUT_MS', async () => {
    const database = await postgresBackend.createDatabase();
    const env = validateEnvironment({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: '3', DATABASE_STATEMENT_TIMEOUT_MS: '200' });
    const dataSource = await initializeDataSource(typeOrmOptions(env));
    try {
      expect(postgresPool(dataSource).options.max).toBe(3);
      expect(await dataSource.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '200ms' }]);
      await expect(dataSource.query('SELECT pg_sleep(2)')).rejects.toThrow(/statement timeout/);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });

  it('rejects a pool size of zero at start-up, naming the variable', () => {
    expect(() => validateEnvironment({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
