import request from 'supertest';
import { fault, FlakyProjectionModule } from '../projections/flaky.projection';
import { parsePrometheus, Sample, sampleValue } from '../support/prometheus-text';
import { SseClient } from '../support/sse-client';
import { startTestApp, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait-until';

describe('GET /metrics', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    fault.active = false;
    t = await startTestApp({}, [FlakyProjectionModule]);
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
  });
  afterAll(() => t.close());

  const scrape = async (): Promise<Sample[]> => {
    const response = await request(t.server).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    return parsePrometheus(response.text);
  };

  it('exposes the process metrics and every Chronicle series', async () => {
    const names = new Set((await scrape()).map((s) => s.name));
    for (const name of ['process_cpu_seconds_total', 'nodejs_heap_size_used_bytes', 'chronicle_live_feed_connections', 'chronicle_projection_position',
      'chronicle_projection_head_position', 'chronicle_projection_lag_events', 'chronicle_projection_status']) {
      expect(names).toContain(name);
    }
  });

  it('moves the HTTP, command, event store, snapshot and projection series after commands', async () => {
    const id = (await request(t.server).post('/counters').send({ name: 'measured' }).expect(201)).body.id as string;
    await request(t.server).post(`/counters/${id}/increment`).send({ by: 3 }).expect(200);
    const last = await request(t.server).post(`/counters/${id}/increment`).send({ by: 4 }).expect(200);
    await request(t.server).post(`/counters/${id}/decrement`).send({ by: 100 }).expect(422);
    await request(t.server).get(`/counters/${id}?minPosition=${last.body.position}`).expect(200);

    const after = await scrape();
    expect(sampleValue(after, 'chronicle_commands_total', { command: 'IncrementCounterCommand', outcome: 'ok' })).toBe(2);
    expect(sampleValue(after, 'chronicle_commands_total', { command: 'CreateCounterCommand', outcome: 'ok' })).toBe(1);
    expect(sampleValue(after, 'chronicle_commands_total', { command: 'DecrementCounterCommand', outcome: 'refused' })).toBe(1);
    expect(sampleValue(after, 'http_request_duration_seconds_count', { method: 'POST', route: '/counters/:id/increment', status_code: '200' })).toBe(2);
    expect(sampleValue(after, 'http_request_duration_seconds_count', { method: 'POST', route: '/counters/:id/decrement', status_code: '422' })).toBe(1);
    expect(sampleValue(after, 'chronicle_event_store_appends_total', { stream_type: 'Counter' })).toBe(3);
    expect(sampleValue(after, 'chronicle_events_appended_total', { stream_type: 'Counter' })).toBe(3);
    expect(sampleValue(after, 'chronicle_event_store_append_duration_seconds_count', { stream_type: 'Counter' })).toBe(3);
    expect(sampleValue(after, 'chronicle_event_store_commit_appends_sum')).toBe(3);
    expect(sampleValue(after, 'chronicle_snapshot_hits_total', { stream_type: 'Counter', source: 'memory' })).toBe(3);

    const position = last.body.position as number;
    expect(sampleValue(after, 'chronicle_projection_events_applied_total', { projection: 'counter_views' })).toBe(3);
    expect(sampleValue(after, 'chronicle_projection_position', { projection: 'counter_views' })).toBe(position);
    expect(sampleValue(after, 'chronicle_projection_head_position', { projection: 'counter_views' })).toBe(position);
    expect(sampleValue(after, 'chronicle_projection_lag_events', { projection: 'counter_views' })).toBe(0);
    expect(sampleValue(after, 'chronicle_projection_status', { projection: 'counter_views', status: 'running' })).toBe(1);
    expect(sampleValue(after, 'chronicle_projection_status', { projection: 'counter_views', status: 'failing' })).toBe(0);
    expect(sampleValue(after, 'chronicle_projection_batch_duration_seconds_count', { projection: 'counter_views' })).toBeGreaterThan(0);
  });

  it('counts a command on an unknown counter as refused, and one on a stale version as a conflict', async () => {
    await request(t.server).post('/counters/00000000-0000-4000-8000-000000000000/increment').send({}).expect(404);
    const id = (await request(t.server).post('/counters').send({ name: 'stale' }).expect(201)).body.id as string;
    await request(t.server).post(`/counters/${id}/reset`).set('If-Match', '"7"').send({}).expect(412);
    const samples = await scrape();
    expect(sampleValue(samples, 'chronicle_commands_total', { command: 'IncrementCounterCommand', outcome: 'refused' })).toBe(1);
    expect(sampleValue(samples, 'chronicle_commands_total', { command: 'ResetCounterCommand', outcome: 'conflict' })).toBe(1);
  });

  it('shows a failing projection in its status gauge and failure count, and its recovery', async () => {
    fault.active = true;
    const id = (await request(t.server).post('/counters').send({ name: 'unlucky' }).expect(201)).body.id as string;
    await request(t.server).post(`/counters/${id}/increment`).send({ by: 13 }).expect(200);
    await waitUntil(async () => sampleValue(await scrape(), 'chronicle_projection_status', { projection: 'flaky_log', status: 'failing' }) === 1, 'the failing status');
    const samples = await scrape();
    expect(sampleValue(samples, 'chronicle_projection_failures_total', { projection: 'flaky_log' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'chronicle_projection_lag_events', { projection: 'flaky_log' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'chronicle_projection_status', { projection: 'flaky_log', status: 'running' })).toBe(0);
    fault.active = false;
    await waitUntil(async () => sampleValue(await scrape(), 'chronicle_projection_status', { projection: 'flaky_log', status: 'running' }) === 1, 'the recovery');
  });

  it('counts open live feed connections', async () => {
    const client = new SseClient(`${base}/events/live`);
    try {
      await waitUntil(async () => sampleValue(await scrape(), 'chronicle_live_feed_connections') === 1, 'the feed to count');
    } finally {
      client.close();
    }
    await waitUntil(async () => sampleValue(await scrape(), 'chronicle_live_feed_connections') === 0, 'the closed feed to leave the count');
  });
});

describe('METRICS_ENABLED=false', () => {
  it('answers 404 on /metrics', async () => {
    const t = await startTestApp({ METRICS_ENABLED: 'false' });
    try {
      const response = await request(t.server).get('/metrics').expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    } finally {
      await t.close();
    }
  });
});
