import Database from 'better-sqlite3';
import request from 'supertest';
import { V1_FIXTURE } from '../fixtures/make-v1-fixture';
import { PRE_CORE_MIGRATIONS_FIXTURE } from '../fixtures/make-pre-core-migrations-fixture';
import { tempSqliteUrl } from '../support/temp-database';
import { startTestApp, startTestAppOnCopyOf, TestApp } from '../support/test-app';

// Since the core owns the migrations of its tables, they live in src/event-sourcing/migrations/;
// their class names (what TypeORM's `migrations` table records) did not change, so a database
// made before is seen as up to date, or gets only what it lacks, and loses nothing.
const FIXTURE_MIGRATIONS = ['CreateEventStore1764200000000', 'CreateCounterViews1764200000001', 'AddSnapshotEventTime1764300000000'];
// Added since: counter_views.name as TEXT (a no-op on SQLite, recorded all the same), parked_events, processed_commands,
// the ledger's read models, api_keys, the PostgreSQL append function (a no-op on SQLite, recorded all the same).
const ALL_MIGRATIONS = [
  ...FIXTURE_MIGRATIONS,
  'CounterViewNameAsText1764400000000',
  'CreateParkedEvents1764500000000',
  'CreateProcessedCommands1764600000000',
  'CreateLedgerViews1764700000000',
  'CreateApiKeys1764800000000',
  'CreateAppendFunction1764910000000',
];

function rows(file: string, sql: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

const migrationsRun = (file: string) => (rows(file, 'SELECT name FROM migrations ORDER BY id') as { name: string }[]).map((row) => row.name);
const everything = (file: string) => ({
  events: rows(file, 'SELECT * FROM events ORDER BY position'),
  snapshots: rows(file, 'SELECT stream_id, version, schema_version, state, taken_at, occurred_at FROM snapshots ORDER BY stream_id, version'),
  views: rows(file, 'SELECT * FROM counter_views ORDER BY id'),
  checkpoints: rows(file, 'SELECT name, position, status FROM projection_checkpoints ORDER BY name'),
});

describe('A database made by the release before the core owned its migrations', () => {
  const before = everything(PRE_CORE_MIGRATIONS_FIXTURE);
  let t: TestApp & { file: string };

  beforeAll(async () => {
    t = await startTestAppOnCopyOf(PRE_CORE_MIGRATIONS_FIXTURE);
  });
  afterAll(() => t.close());

  it('really is that database: every migration already run, snapshots and a caught-up view', () => {
    expect(migrationsRun(PRE_CORE_MIGRATIONS_FIXTURE)).toEqual(FIXTURE_MIGRATIONS);
    expect(before.events.length).toBeGreaterThan(0);
    expect(before.snapshots.length).toBeGreaterThan(0);
    expect(before.views).toHaveLength(2);
  });

  it('runs none of its migrations again, only the newer ones, and keeps every row', () => {
    expect(migrationsRun(t.file)).toEqual(ALL_MIGRATIONS);
    const after = everything(t.file);
    // Projections and process managers added since (the ledger's) start their own checkpoints beside.
    const existing = new Set((before.checkpoints as { name: string }[]).map((c) => c.name));
    expect({ ...after, checkpoints: (after.checkpoints as { name: string }[]).filter((c) => existing.has(c.name)) }).toEqual(before);
  });

  it('serves the counters and takes new commands on them', async () => {
    const { body } = await request(t.server).get('/counters?limit=10').expect(200);
    const byName = Object.fromEntries(body.items.map((item: { name: string; value: number; id: string }) => [item.name, item]));
    expect([byName.apples.value, byName.pears.value]).toEqual([10, 5]);
    const changed = await request(t.server).post(`/counters/${byName.apples.id}/increment`).send({ by: 5 }).expect(200);
    expect(changed.body).toMatchObject({ value: 15, version: 6 });
    const read = await request(t.server).get(`/counters/${byName.apples.id}?minPosition=${changed.body.position}`).expect(200);
    expect(read.body).toMatchObject({ name: 'apples', value: 15, version: 6 });
  });
});

describe('A database made by the first release (two of the three migrations run)', () => {
  let t: TestApp & { file: string };

  beforeAll(async () => {
    t = await startTestAppOnCopyOf(V1_FIXTURE);
  });
  afterAll(() => t.close());

  it('runs only the migrations it lacks (the core one, then the newer ones) and keeps its events', () => {
    expect(migrationsRun(V1_FIXTURE)).toEqual(FIXTURE_MIGRATIONS.slice(0, 2));
    expect(migrationsRun(t.file)).toEqual(ALL_MIGRATIONS);
    expect(rows(t.file, 'SELECT position, stream_id, version, type, schema_version, data, metadata, occurred_at FROM events ORDER BY position')).toEqual(
      rows(V1_FIXTURE, 'SELECT position, stream_id, version, type, schema_version, data, metadata, occurred_at FROM events ORDER BY position'),
    );
    expect(rows(t.file, "SELECT name FROM pragma_table_info('snapshots') WHERE name = 'occurred_at'")).toHaveLength(1);
  });

  it('serves its counters', async () => {
    const { body } = await request(t.server).get('/counters/11111111-1111-4111-8111-111111111111?minPosition=11').expect(200);
    expect(body).toMatchObject({ name: 'legacy-visitors', value: 6, version: 6 });
  });
});

describe('A new database', () => {
  const temp = tempSqliteUrl();

  afterAll(() => temp.cleanup());

  it('records the same migrations, in the same order, as before the core owned its own', async () => {
    const t = await startTestApp({ DATABASE_URL: temp.url });
    await t.close();
    expect(migrationsRun(temp.file)).toEqual(ALL_MIGRATIONS);
  });
});
