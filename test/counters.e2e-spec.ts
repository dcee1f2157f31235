import request from 'supertest';
import { describeOn, storeBackends } from './support/store-backends';
import { startTestAppOn, TestApp } from './support/test-app';

storeBackends.forEach((backend) =>
  describeOn(backend, 'Counters over HTTP', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestAppOn(backend);
    });
    afterAll(() => t.close());

    it('creates a counter at zero and reads it back through the projection', async () => {
      const created = await request(t.server).post('/counters').send({ name: 'visitors' }).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), name: 'visitors', value: 0, version: 1, position: expect.any(Number) });

      const read = await request(t.server).get(`/counters/${created.body.id}?minPosition=${created.body.position}`).expect(200);
      expect(read.body).toEqual({ id: created.body.id, name: 'visitors', value: 0, version: 1, updatedAt: expect.any(String) });
      expect(read.headers.etag).toBe('"1"');
    });
  }),
);
