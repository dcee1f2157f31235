import request from 'supertest';
import { describeOn, storeBackends } from '../support/store-backends';
import { startTestAppOn, TestApp } from '../support/test-app';

const unknownId = '00000000-0000-4000-8000-000000000000';

storeBackends.forEach((backend) =>
  describeOn(backend, 'Accounts over HTTP', () => {
    let t: TestApp;
    const http = () => request(t.server);

    async function open(owner = 'Ada', currency = 'EUR') {
      return (await http().post('/accounts').send({ owner, currency }).expect(201)).body as { id: string; position: number; version: number };
    }

    beforeAll(async () => {
      t = await startTestAppOn(backend, { READ_WAIT_TIMEOUT_MS: '2000' });
    });
    afterAll(() => t.close());

    describe('POST /accounts', () => {
      it('opens an account at 0 and reads it back through the projection with its version as ETag', async () => {
        const opened = await http().post('/accounts').send({ owner: 'Ada', currency: 'EUR' }).expect(201);
        expect(opened.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), owner: 'Ada', currency: 'EUR', balance: 0, status: 'open', version: 1, position: expect.any(Number) });
        const read = await http().get(`/accounts/${opened.body.id}?minPosition=${opened.body.position}`).expect(200);
        expect(read.body).toEqual({ id: opened.body.id, owner: 'Ada', currency: 'EUR', balance: 0, status: 'open', version: 1, updatedAt: expect.any(String) });
        expect(read.headers.etag).toBe('"1"');
      });

      it.each([
        ['a missing owner', { currency: 'EUR' }, /owner/],
        ['an empty owner', { owner: '', currency: 'EUR' }, /owner/],
        ['a lower-case currency', { owner: 'Ada', currency: 'eur' }, /currency/],
        ['a four-letter currency', { owner: 'Ada', currency: 'EURO' }, /currency/],
        ['a missing currency', { owner: 'Ada' }, /currency/],
        ['an unknown field', { owner: 'Ada', currency: 'EUR', colour: 'red' }, /colour/],
      ])('refuses %s with 400 naming the field', async (_, body, field) => {
        const response = await http().post('/accounts').send(body).expect(400);
        expect(response.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(field) });
      });
    });

    describe('deposits and withdrawals', () => {
      it('adds and takes money, answering the balance, version and position', async () => {
        const { id } = await open();
        const deposit = await http().post(`/accounts/${id}/deposits`).send({ amount: 500, reference: 'salary' }).expect(200);
        expect(deposit.body).toEqual({ id, balance: 500, version: 2, position: expect.any(Number) });
        const withdrawal = await http().post(`/accounts/${id}/withdrawals`).send({ amount: 200 }).expect(200);
        expect(withdrawal.body).toEqual({ id, balance: 300, version: 3, position: expect.any(Number) });
        const read = await http().get(`/accounts/${id}?minPosition=${withdrawal.body.position}`).expect(200);
        expect(read.body).toMatchObject({ balance: 300, version: 3 });
      });

      it('refuses a withdrawal below zero with 422 and records nothing', async () => {
        const { id } = await open();
        await http().post(`/accounts/${id}/deposits`).send({ amount: 100 }).expect(200);
        const refused = await http().post(`/accounts/${id}/withdrawals`).send({ amount: 101 }).expect(422);
        expect(refused.body).toEqual({ statusCode: 422, error: 'Unprocessable Entity', message: expect.stringMatching(/insufficient funds/i) });
        const state = await http().get(`/accounts/${id}/state?version=2`).expect(200);
        expect(state.body.balance).toBe(100);
        await http().get(`/accounts/${id}/state?version=3`).expect(404);
      });

      it.each([
        ['zero', { amount: 0 }],
        ['a fraction', { amount: 1.5 }],
        ['a string', { amount: '5' }],
        ['more than 1,000,000,000,000', { amount: 1_000_000_000_001 }],
        ['no amount', {}],
        ['a reference over 200 characters', { amount: 1, reference: 'x'.repeat(201) }],
      ])('refuses %s with 400 naming the field', async (_, body) => {
        const { id } = await open();
        const response = await http().post(`/accounts/${id}/deposits`).send(body).expect(400);
        expect(response.body.message).toMatch(/amount|reference/);
      });

      it('accepts the largest amount', async () => {
        const { id } = await open();
        await http().post(`/accounts/${id}/deposits`).send({ amount: 1_000_000_000_000 }).expect(200);
      });

      it('answers 404 for an unknown account and 400 for an id that is not a UUID', async () => {
        await http().post(`/accounts/${unknownId}/deposits`).send({ amount: 1 }).expect(404);
        const bad = await http().post('/accounts/nope/deposits').send({ amount: 1 }).expect(400);
        expect(bad.body.message).toMatch(/id/);
      });

      it('honours If-Match: 412 when the account moved on', async () => {
        const { id } = await open();
        await http().post(`/accounts/${id}/deposits`).set('If-Match', '"1"').send({ amount: 5 }).expect(200);
        await http().post(`/accounts/${id}/deposits`).set('If-Match', '"1"').send({ amount: 5 }).expect(412);
      });

      it('executes a deposit once per Idempotency-Key and replays its answer', async () => {
        const { id } = await open();
        const first = await http().post(`/accounts/${id}/deposits`).set('Idempotency-Key', 'pay-1').send({ amount: 40 }).expect(200);
        const again = await http().post(`/accounts/${id}/deposits`).set('Idempotency-Key', 'pay-1').send({ amount: 40 }).expect(200);
        expect(again.body).toEqual(first.body);
        expect(again.headers['idempotent-replayed']).toBe('true');
        await http().post(`/accounts/${id}/deposits`).set('Idempotency-Key', 'pay-1').send({ amount: 41 }).expect(422);
        await http().get(`/accounts/${id}/state?version=3`).expect(404);
        const refused = await http().post(`/accounts/${id}/withdrawals`).set('Idempotency-Key', 'take-1').send({ amount: 100 }).expect(422);
        await http().post(`/accounts/${id}/deposits`).send({ amount: 100 }).expect(200);
        const replayed = await http().post(`/accounts/${id}/withdrawals`).set('Idempotency-Key', 'take-1').send({ amount: 100 }).expect(422);
        expect(replayed.body).toEqual(refused.body);
      });

      it('answers 404 for the id of a transfer given as an account', async () => {
        const a = await open();
        const b = await open('Bob');
        const transfer = await http().post('/transfers').send({ from: a.id, to: b.id, amount: 1 }).expect(202);
        await http().post(`/accounts/${transfer.body.id}/deposits`).send({ amount: 1 }).expect(404);
      });
    });

    describe('closing', () => {
      it('refuses to close an account that holds money, closes it at 0, then refuses movements with 422', async () => {
        const { id } = await open();
        await http().post(`/accounts/${id}/deposits`).send({ amount: 10 }).expect(200);
        expect((await http().post(`/accounts/${id}/close`).expect(422)).body.message).toMatch(/balance of 10/);
        await http().post(`/accounts/${id}/withdrawals`).send({ amount: 10 }).expect(200);
        const closed = await http().post(`/accounts/${id}/close`).expect(200);
        expect(closed.body).toEqual({ id, balance: 0, version: 4, position: expect.any(Number) });
        await http().post(`/accounts/${id}/deposits`).send({ amount: 1 }).expect(422);
        await http().post(`/accounts/${id}/withdrawals`).send({ amount: 1 }).expect(422);
        const read = await http().get(`/accounts/${id}?minPosition=${closed.body.position}`).expect(200);
        expect(read.body.status).toBe('closed');
      });
    });

    describe('reads', () => {
      it('lists accounts oldest first with a total', async () => {
        const first = await open('First');
        const second = await open('Second');
        const list = await http().get(`/accounts?limit=100&minPosition=${second.position}`).expect(200);
        const ids = list.body.items.map((a: { id: string }) => a.id);
        expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
        expect(list.body.total).toBeGreaterThanOrEqual(2);
        const page = await http().get('/accounts?limit=1&offset=1').expect(200);
        expect(page.body.items).toHaveLength(1);
        await http().get('/accounts?limit=0').expect(400);
      });

      it('pages the movements oldest first with after and nextAfter', async () => {
        const { id } = await open();
        await http().post(`/accounts/${id}/deposits`).send({ amount: 100, reference: 'r1' }).expect(200);
        await http().post(`/accounts/${id}/deposits`).send({ amount: 50 }).expect(200);
        const last = await http().post(`/accounts/${id}/withdrawals`).send({ amount: 30 }).expect(200);
        const first = await http().get(`/accounts/${id}/transactions?limit=2&minPosition=${last.body.position}`).expect(200);
        expect(first.body.items).toEqual([
          { position: expect.any(Number), kind: 'deposit', amount: 100, balanceAfter: 100, reference: 'r1', occurredAt: expect.any(String) },
          { position: expect.any(Number), kind: 'deposit', amount: 50, balanceAfter: 150, occurredAt: expect.any(String) },
        ]);
        expect(first.body.nextAfter).toBe(first.body.items[1].position);
        const second = await http().get(`/accounts/${id}/transactions?after=${first.body.nextAfter}`).expect(200);
        expect(second.body.items).toEqual([{ position: last.body.position, kind: 'withdrawal', amount: 30, balanceAfter: 120, occurredAt: expect.any(String) }]);
        await http().get(`/accounts/${unknownId}/transactions`).expect(404);
      });

      it('rebuilds a past state from the events by version or time', async () => {
        const { id } = await open();
        await http().post(`/accounts/${id}/deposits`).send({ amount: 100 }).expect(200);
        await http().post(`/accounts/${id}/withdrawals`).send({ amount: 40 }).expect(200);
        const v2 = await http().get(`/accounts/${id}/state?version=2`).expect(200);
        expect(v2.body).toEqual({ id, owner: 'Ada', currency: 'EUR', balance: 100, status: 'open', version: 2, asOf: expect.any(String) });
        const now = await http().get(`/accounts/${id}/state?at=${new Date(Date.now() + 1000).toISOString()}`).expect(200);
        expect(now.body).toMatchObject({ balance: 60, version: 3 });
        await http().get(`/accounts/${id}/state`).expect(400);
        await http().get(`/accounts/${id}/state?at=2000-01-01`).expect(404);
      });
    });
  }),
);
