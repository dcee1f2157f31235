import request from 'supertest';
import { describeOn, storeBackends } from './support/store-backends';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

describe('The bench baselines by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('are not served: /bench answers 404', async () => {
    await request(t.server).get('/bench/bare').expect(404);
    await request(t.server).post('/bench/crud-counters/1/increment').expect(404);
  });
});

storeBackends.forEach((backend) =>
  describeOn(backend, 'The bench baselines with BENCH_BASELINES=true', () => {
    let t: TestApp;
    const http = () => request(t.server);

    beforeAll(async () => {
      // AppModule picks its imports when it is loaded, so load a fresh copy with the flag set.
      process.env.BENCH_BASELINES = 'true';
      try {
        await jest.isolateModulesAsync(async () => {
          const { startTestAppOn } = await import('./support/test-app');
          t = await startTestAppOn(backend, { BENCH_BASELINES: 'true' });
        });
      } finally {
        delete process.env.BENCH_BASELINES;
      }
    });
    afterAll(() => t?.close());

    it('answers the bare endpoints without touching the database', async () => {
      expect((await http().get('/bench/bare').expect(200)).body).toEqual({ ok: true });
      expect((await http().post('/bench/bare').send({}).expect(200)).body).toEqual({ ok: true });
    });

    it('increments a seeded CRUD counter and answers its new value', async () => {
      expect((await http().post('/bench/crud-counters/7/increment').send({}).expect(200)).body).toEqual({ id: 7, value: 1 });
      expect((await http().post('/bench/crud-counters/7/increment').send({}).expect(200)).body).toEqual({ id: 7, value: 2 });
      expect((await http().post('/bench/crud-counters/1000/increment').send({}).expect(200)).body).toEqual({ id: 1000, value: 1 });
    });

    it('answers 404 for a CRUD counter that was never seeded', async () => {
      await http().post('/bench/crud-counters/1001/increment').send({}).expect(404);
    });

    it('keeps every concurrent CRUD increment', async () => {
      await Promise.all(Array.from({ length: 20 }, () => http().post('/bench/crud-counters/3/increment').send({}).expect(200)));
      expect((await http().post('/bench/crud-counters/3/increment').send({}).expect(200)).body).toEqual({ id: 3, value: 21 });
    });
  }),
);
