import { spawnApp } from '../support/child-app';
import { describeOn, postgresBackend } from '../support/store-backends';

const PASSWORD = 'pw-SECRET-42';

// The service as `npm start` runs it, so what is logged before Nest is up (settings, migrations) is covered too.
describeOn(postgresBackend, 'the logs of the running service', () => {
  it('are JSON from the first line, report the migrations it applied, and never show the database password', async () => {
    const database = await postgresBackend.createDatabase();
    try {
      const url = new URL(database.url);
      url.username = 'postgres';
      url.password = PASSWORD; // the test server trusts local connections, so any password connects
      const app = await spawnApp({ DATABASE_URL: url.toString(), LOG_FORMAT: 'json', LOG_LEVEL: 'log' });
      await fetch(`${app.url}/counters`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' });
      await app.stop();

      const lines = app.output().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.find((l) => l.context === 'Migrations')?.msg).toMatch(/^applied \d+: /);
      const settings = lines.find((l) => l.msg === 'settings')?.settings as Record<string, string>;
      expect(settings.DATABASE_URL).toBe(url.toString().replace(PASSWORD, '[redacted]'));
      const created = lines.find((l) => l.msg === 'request completed' && (l.req as { method: string }).method === 'POST');
      expect(created).toMatchObject({ route: '/counters', status: 201 });
      expect(app.output()).not.toContain(PASSWORD);
    } finally {
      await database.drop();
    }
  });
});
