import Database from 'better-sqlite3';
import request from 'supertest';
import { ProjectionRunner } from '../src/event-sourcing';
import { V1_FIXTURE } from './fixtures/make-v1-fixture';
import { startTestAppOnCopyOf, TestApp } from './support/test-app';

const visitors = '11111111-1111-4111-8111-111111111111';
const clicks = '22222222-2222-4222-8222-222222222222';

describe('A database written by the first release (CounterIncremented v1)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestAppOnCopyOf(V1_FIXTURE);
  });
  afterAll(() => t.close());

  it('really holds v1 increments without `by` (the fixture is what this spec claims)', () => {
    const db = new Database(V1_FIXTURE, { readonly: true });
    const rows = db.prepare(`SELECT schema_version, data FROM events WHERE type = 'CounterIncremented'`).all() as { schema_version: number; data: string }[];
    db.close();
    expect(rows.every((row) => row.schema_version === 1)).toBe(true);
    expect(rows.filter((row) => !('by' in JSON.parse(row.data)))).toHaveLength(6);
  });

  it('projects the old events into the read model with a missing `by` counted as +1', async () => {
    const a = await request(t.server).get(`/counters/${visitors}?minPosition=11`).expect(200);
    expect(a.body).toMatchObject({ id: visitors, name: 'legacy-visitors', value: 6, version: 6 });
    const b = await request(t.server).get(`/counters/${clicks}?minPosition=11`).expect(200);
    expect(b.body).toMatchObject({ id: clicks, name: 'legacy-clicks', value: 2, version: 5 });
  });

  it('serves the audit trail in the current shape: schemaVersion 2 with `by`', async () => {
    const { body } = await request(t.server).get(`/counters/${visitors}/events`).expect(200);
    const increments = body.items.filter((item: { type: string }) => item.type === 'CounterIncremented');
    expect(increments.map((item: { schemaVersion: number; data: { by: number } }) => [item.schemaVersion, item.data.by])).toEqual([
      [2, 1],
      [2, 1],
      [2, 1],
      [2, 5],
    ]);
  });

  it('serves the old increments upcast in the global feed', async () => {
    const { body } = await request(t.server).get('/events?type=CounterIncremented&limit=1000').expect(200);
    expect(body.items.map((item: { schemaVersion: number; data: { by: number } }) => [item.schemaVersion, item.data.by])).toEqual([
      [2, 1],
      [2, 1],
      [2, 1],
      [2, 1],
      [2, 5],
      [2, 1],
      [2, 1],
    ]);
  });

  it('rehydrates past states from the old events', async () => {
    const { body } = await request(t.server).get(`/counters/${visitors}/state?version=5`).expect(200);
    expect(body).toEqual({ id: visitors, name: 'legacy-visitors', value: 8, version: 5, asOf: '2025-06-01T10:07:00.000Z' });
    const byTime = await request(t.server).get(`/counters/${clicks}/state?at=2025-06-01T10:08:30Z`).expect(200);
    expect(byTime.body).toMatchObject({ value: 1, version: 4 });
  });

  it('loads the aggregate from the old events: commands continue from the right value', async () => {
    const { body } = await request(t.server).post(`/counters/${visitors}/increment`).send({ by: 4 }).expect(200);
    expect(body).toMatchObject({ id: visitors, value: 10, version: 7 });
    await request(t.server).post(`/counters/${clicks}/decrement`).send({ by: 3 }).expect(422);
  });

  it('rebuilds the read model from the mixed v1 and v2 history to the same values', async () => {
    await t.app.get(ProjectionRunner).rebuild('counter_views');
    const { body } = await request(t.server).get('/counters?minPosition=12').expect(200);
    const values = Object.fromEntries(body.items.map((item: { id: string; value: number }) => [item.id, item.value]));
    expect(values).toEqual({ [visitors]: 10, [clicks]: 2 });
  });
});
