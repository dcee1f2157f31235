import request from 'supertest';
import { startTestApp, TestApp } from './support/test-app';

describe('Command answers over HTTP', () => {
  let t: TestApp;
  const http = () => request(t.server);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 201 with Location, where the new counter is read, and a strong ETag of its version', async () => {
    const created = await http().post('/counters').send({ name: 'located' }).expect(201);
    expect(created.headers.location).toBe(`/counters/${created.body.id}`);
    expect(created.headers.etag).toBe('"1"');
    const read = await http().get(`${created.headers.location}?minPosition=${created.body.position}`).expect(200);
    expect(read.body).toMatchObject({ id: created.body.id, name: 'located', version: 1 });
  });

  it('gives each command answer ETag "<version>", which If-Match takes back', async () => {
    const created = await http().post('/counters').send({ name: 'tagged' }).expect(201);
    const first = await http().post(`/counters/${created.body.id}/increment`).set('If-Match', created.headers.etag).send({ by: 2 }).expect(200);
    expect(first.headers.etag).toBe(`"${first.body.version}"`);
    const second = await http().post(`/counters/${created.body.id}/decrement`).set('If-Match', first.headers.etag).send({}).expect(200);
    expect(second.headers.etag).toBe('"3"');
    await http().post(`/counters/${created.body.id}/reset`).set('If-Match', first.headers.etag).send({}).expect(412);
    await http().post(`/counters/${created.body.id}/reset`).set('If-Match', second.headers.etag).send({}).expect(200);
  });

  it('gives a replayed creation (same Idempotency-Key) the same Location and ETag', async () => {
    const first = await http().post('/counters').set('Idempotency-Key', 'located-once').send({ name: 'once' }).expect(201);
    const again = await http().post('/counters').set('Idempotency-Key', 'located-once').send({ name: 'once' }).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect([again.headers.location, again.headers.etag]).toEqual([first.headers.location, '"1"']);
  });

  it('adds no body-hash ETag to other answers', async () => {
    const answer = await http().get('/events').expect(200);
    expect(answer.headers.etag).toBeUndefined();
  });

  it('ends GET /events/live after closeAfter seconds, with what it sent so far', async () => {
    await http().post('/counters').send({ name: 'streamed' }).expect(201);
    const answer = await http().get('/events/live?closeAfter=1').buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => done(null, text));
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/^retry: 1000\n\nid: 1\ndata: \{"position":1,/);
  });
});
