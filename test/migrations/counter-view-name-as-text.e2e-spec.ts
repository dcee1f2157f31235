import { DataSource } from 'typeorm';
import { validateEnvironment } from '../../src/config/environment';
import { CounterViewNameAsText1764400000000 } from '../../src/database/migrations/1764400000000-counter-view-name-as-text';
import { migrations } from '../../src/database/migrations/all-migrations';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import { describeOn, postgresBackend, TestDatabase } from '../support/store-backends';

// Issue 11, case 1: counter_views.name was VARCHAR(100) on PostgreSQL, tighter than the event.
describeOn(postgresBackend, 'Migration CounterViewNameAsText', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await postgresBackend.createDatabase();
  });
  afterAll(() => database.drop());

  async function migrate(list: typeof migrations) {
    const dataSource = await new DataSource({ ...typeOrmOptions(validateEnvironment({ DATABASE_URL: database.url })), migrations: list }).initialize();
    return dataSource;
  }

  it('turns an existing VARCHAR(100) name into TEXT, keeping the rows, and then holds longer names', async () => {
    const before = await migrate(migrations.filter((migration) => migration !== CounterViewNameAsText1764400000000));
    await before.query(`INSERT INTO counter_views (id, name, value, version, created_position, updated_at) VALUES ('a', 'kept', 1, 2, 1, 'x')`);
    await expect(before.query(`UPDATE counter_views SET name = $1`, ['x'.repeat(101)])).rejects.toThrow(/too long/);
    await before.destroy();

    const after = await migrate(migrations);
    try {
      const [{ data_type: type }] = await after.query(`SELECT data_type FROM information_schema.columns WHERE table_name = 'counter_views' AND column_name = 'name'`);
      expect(type).toBe('text');
      expect(await after.query(`SELECT id, name FROM counter_views`)).toEqual([{ id: 'a', name: 'kept' }]);
      await after.query(`UPDATE counter_views SET name = $1`, ['a\uFE0F'.repeat(100)]);
    } finally {
      await after.destroy();
    }
  });
});
