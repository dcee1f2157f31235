import request from 'supertest';
import { ApiKeys } from '../../src/auth/api-keys/api-keys.service';
import { EventStore } from '../../src/event-sourcing';
import { startTestApp, TestApp } from '../support/test-app';

describe('Rate limits per caller', () => {
  describe('with authentication (budgets per actor)', () => {
    let t: TestApp;
    let first: string;
    let second: string;
    let counterId: string;

    beforeAll(async () => {
      t = await startTestApp({ AUTH_API_KEYS: 'true', RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_READS_PER_MINUTE: '5' });
      first = await t.app.get(ApiKeys).create('first', ['admin']);
      second = await t.app.get(ApiKeys).create('second', ['admin']);
    });
    afterAll(() => t.close());

    it('answers 429 with Retry-After once a caller used its commands for the minute, recording nothing', async () => {
      const created = await request(t.server).post('/counters').set('X-Api-Key', first).send({ name: 'limited' }).expect(201);
      expect([created.headers['x-ratelimit-limit'], created.headers['x-ratelimit-remaining']]).toEqual(['3', '2']);
      counterId = created.body.id;
      await request(t.server).post(`/counters/${counterId}/increment`).set('X-Api-Key', first).send({ by: 1 }).expect(200);
      await request(t.server).post(`/counters/${counterId}/increment`).set('X-Api-Key', first).send({ by: 1 }).expect(200);
      const head = await t.app.get(EventStore).headPosition();
      const refused = await request(t.server).post(`/counters/${counterId}/increment`).set('X-Api-Key', first).send({ by: 1 }).expect(429);
      expect(refused.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/3 per minute/) });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await t.app.get(EventStore).headPosition()).toBe(head);
    });

    it('keeps reads on their own budget, and other callers on theirs', async () => {
      await request(t.server).get(`/counters/${counterId}/events`).set('X-Api-Key', first).expect(200);
      await request(t.server).post(`/counters/${counterId}/increment`).set('X-Api-Key', second).send({ by: 1 }).expect(200);
      for (let i = 0; i < 5; i++) await request(t.server).get('/counters').set('X-Api-Key', second).expect(200);
      await request(t.server).get('/counters').set('X-Api-Key', second).expect(429);
    });

    it('never limits the health checks', async () => {
      for (let i = 0; i < 8; i++) await request(t.server).get('/health/live').expect(200);
    });
  });

  it('limits an anonymous caller by client IP when authentication is off', async () => {
    const t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
    try {
      await request(t.server).post('/counters').send({ name: 'a' }).expect(201);
      await request(t.server).post('/counters').send({ name: 'b' }).expect(201);
      await request(t.server).post('/counters').send({ name: 'c' }).expect(429);
    } finally {
      await t.close();
    }
  });

  it('tells anonymous callers apart by X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
    const post = (t: TestApp, client: string) => request(t.server).post('/counters').set('X-Forwarded-For', client).send({ name: client });
    const behindProxy = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: 'loopback' });
    try {
      await post(behindProxy, '203.0.113.1').expect(201);
      await post(behindProxy, '203.0.113.2').expect(201);
      await post(behindProxy, '203.0.113.1').expect(429);
    } finally {
      await behindProxy.close();
    }
    const direct = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1' });
    try {
      await post(direct, '203.0.113.1').expect(201);
      await post(direct, '203.0.113.2').expect(429); // the header is not believed: one caller
    } finally {
      await direct.close();
    }
  });

  it('turns a limit off with 0', async () => {
    const t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_READS_PER_MINUTE: '1' });
    try {
      for (let i = 0; i < 10; i++) await request(t.server).post('/counters').send({ name: `n${i}` }).expect(201);
      await request(t.server).get('/counters').expect(200);
      await request(t.server).get('/counters').expect(429);
    } finally {
      await t.close();
    }
  });
});
