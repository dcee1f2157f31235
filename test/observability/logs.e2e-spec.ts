import { CommandBus } from '@nestjs/cqrs';
import request from 'supertest';
import { LOG_DESTINATION } from '../../src/observability/logging/log-destination';
import { fault, FlakyProjectionModule } from '../projections/flaky.projection';
import { LogCapture } from '../support/log-capture';
import { startTestApp, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait-until';
import { LogProbeModule, ProbeCommand } from './log-probe.module';

// nestjs-pino keeps one pino-http instance per process, so this file starts one app only.
describe('structured logs', () => {
  const logs = new LogCapture();
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'debug' }, [LogProbeModule, FlakyProjectionModule], [{ provide: LOG_DESTINATION, useValue: logs }]);
  });
  afterAll(() => t.close());

  const completed = (route: string) => logs.lines.filter((line) => (line.msg === 'request completed' || line.msg === 'request failed') && line.route === route);

  it('writes one line per request with method, route pattern, status, duration, request and correlation ids', async () => {
    const created = await request(t.server).post('/counters').set('X-Correlation-Id', 'corr-create').send({ name: 'logged' }).expect(201);
    const id = created.body.id as string;
    await request(t.server).post(`/counters/${id}/increment`).set('X-Correlation-Id', 'corr-inc').set('X-Request-Id', 'req-inc').send({ by: 2 }).expect(200);

    const [line] = completed('/counters/:id/increment');
    expect(line).toMatchObject({ level: 30, req: { id: 'req-inc', method: 'POST' }, status: 200, correlationId: 'corr-inc' });
    expect(typeof line.durationMs).toBe('number');
    expect(JSON.stringify(line)).not.toContain(id); // the pattern, never the raw URL
    expect(completed('/counters')[0]).toMatchObject({ status: 201, correlationId: 'corr-create', req: { method: 'POST' } });
  });

  it('answers with the request id it logged', async () => {
    const response = await request(t.server).get('/counters').expect(200);
    const [line] = completed('/counters').filter((l) => (l.req as { method: string }).method === 'GET');
    expect(response.headers['x-request-id']).toBe((line.req as { id: string }).id);
  });

  it('carries the correlation id on a line written inside a command handler', async () => {
    await request(t.server).post('/probe/command').set('X-Correlation-Id', 'corr-probe').expect(201);
    expect(logs.find((line) => line.msg === 'inside the probe handler')).toMatchObject({ correlationId: 'corr-probe', context: 'ProbeHandler' });
  });

  it('names the lines of a command sent outside any request by the command\'s own correlation id', async () => {
    await t.app.get(CommandBus).execute(new ProbeCommand({ commandId: 'cmd-1', correlationId: 'corr-direct' }));
    const lines = logs.lines.filter((line) => line.msg === 'inside the probe handler');
    expect(lines.at(-1)).toMatchObject({ correlationId: 'corr-direct' });
    expect(lines.at(-1)).not.toHaveProperty('req');
  });

  it('logs an unexpected error from the exception filter with the correlation id and the stack', async () => {
    await request(t.server).get('/probe/fail').set('X-Correlation-Id', 'corr-fail').expect(500);
    const line = logs.find((l) => l.context === 'HTTP' && l.level === 50);
    expect(line).toMatchObject({ correlationId: 'corr-fail', err: { message: 'probe failure with sensitive-looking detail' } });
    expect(String((line!.err as { stack: string }).stack)).toContain('ProbeController');
    expect(completed('/probe/fail')[0]).toMatchObject({ level: 50, status: 500, correlationId: 'corr-fail' });
  });

  it('logs health and metrics requests at debug only', async () => {
    await request(t.server).get('/health/live').expect(200);
    expect(completed('/health/live')[0]).toMatchObject({ level: 20 });
  });

  it('logs the start-up settings', () => {
    const line = logs.find((l) => l.msg === 'settings');
    expect(line).toMatchObject({ context: 'Startup', settings: { LOG_LEVEL: 'debug', DATABASE_URL: t.databaseUrl } });
  });

  it('logs a rebuild: who asked (with the correlation id), the status changes, and how it ended', async () => {
    await request(t.server).post('/projections/counter_views/rebuild').set('X-Correlation-Id', 'corr-rebuild').expect(202);
    expect(logs.find((l) => l.msg === 'rebuild of counter_views requested by an anonymous caller')).toMatchObject({ correlationId: 'corr-rebuild', projection: 'counter_views' });
    const finished = await waitUntil(async () => logs.find((l) => l.context === 'Projection counter_views' && String(l.msg).startsWith('rebuild finished')), 'the rebuild to finish');
    expect(finished.msg).toMatch(/^rebuild finished: \d+ events applied in [\d.]+ s, at position \d+$/);
    expect(logs.find((l) => l.context === 'Projection counter_views' && String(l.msg).startsWith('rebuilding -> running'))).toBeDefined();
  });

  it('logs a projection turning failing with the error and the position, and back to running', async () => {
    const id = (await request(t.server).post('/counters').send({ name: 'unlucky' }).expect(201)).body.id as string;
    const { position } = (await request(t.server).post(`/counters/${id}/increment`).send({ by: 13 }).expect(200)).body as { position: number };
    const failing = await waitUntil(async () => logs.find((l) => l.context === 'Projection flaky_log' && l.level === 40 && String(l.msg).includes('-> failing')), 'the failure');
    expect(failing.msg).toContain(`holding at position ${position - 1}: CounterIncremented at position ${position}: `);
    // The status line carries what GET /projections shows; the handler's own error is on the error line.
    expect(logs.find((l) => l.context === 'Projection flaky_log' && l.level === 50 && String(l.msg).includes('unlucky thirteen'))).toBeDefined();
    fault.active = false;
    await waitUntil(async () => logs.find((l) => l.context === 'Projection flaky_log' && String(l.msg).startsWith('failing -> running')), 'the recovery');
  });

  it('never logs a token, an API key or a cookie the client sent', async () => {
    const secrets = { Authorization: 'Bearer tok-SECRET-1', 'X-Api-Key': 'key-SECRET-2', Cookie: 'session=cookie-SECRET-3' };
    await request(t.server).post('/counters').set(secrets).send({ name: 'with secrets' }).expect(201);
    await request(t.server).get('/probe/fail').set(secrets).expect(500);
    await request(t.server).post('/counters').set(secrets).send({ bad: true }).expect(400);
    expect(logs.lines.length).toBeGreaterThan(5);
    expect(logs.text()).not.toMatch(/SECRET/);
  });
});
