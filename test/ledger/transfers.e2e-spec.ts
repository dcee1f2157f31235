import request from 'supertest';
import { ProjectionRunner } from '../../src/event-sourcing';
import { AccountDebitedEvent } from '../../src/ledger/domain/events/account-debited.event';
import { TransferProcessManager } from '../../src/ledger/process-managers/transfer.process-manager';
import { checkLedgerInvariants } from '../support/ledger-invariants';
import { describeOn, storeBackends } from '../support/store-backends';
import { startTestAppOn, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait-until';

const unknownId = '00000000-0000-4000-8000-000000000000';

storeBackends.forEach((backend) =>
  describeOn(backend, 'Transfers over HTTP', () => {
    let t: TestApp;
    const http = () => request(t.server);
    const getJson = async (path: string) => (await http().get(path).expect(200)).body;

    async function open(balance = 0, currency = 'EUR', owner = 'Ada') {
      const { id } = (await http().post('/accounts').send({ owner, currency }).expect(201)).body;
      if (balance > 0) await http().post(`/accounts/${id}/deposits`).send({ amount: balance }).expect(200);
      return id as string;
    }

    async function settled(id: string) {
      return waitUntil(async () => {
        const transfer = (await http().get(`/transfers/${id}`)).body;
        return transfer.status !== 'pending' && transfer.status !== undefined ? transfer : null;
      }, `transfer ${id} to settle`);
    }

    async function balance(id: string) {
      return (await getJson(`/accounts/${id}/state?at=${new Date(Date.now() + 1000).toISOString()}`)).balance;
    }

    beforeAll(async () => {
      t = await startTestAppOn(backend, { READ_WAIT_TIMEOUT_MS: '2000' });
    });
    afterAll(() => t.close());

    it('moves the money and completes: 202 pending, then completed, one movement on each side', async () => {
      const [a, b] = [await open(500), await open()];
      const requested = await http().post('/transfers').send({ from: a, to: b, amount: 200, reference: 'rent' }).expect(202);
      expect(requested.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'pending', position: expect.any(Number) });
      const seen = await getJson(`/transfers/${requested.body.id}?minPosition=${requested.body.position}`);
      expect(seen).toMatchObject({ id: requested.body.id, from: a, to: b, amount: 200 });
      const done = await settled(requested.body.id);
      expect(done).toEqual({ id: requested.body.id, from: a, to: b, amount: 200, status: 'completed', requestedAt: expect.any(String), completedAt: expect.any(String) });
      expect([await balance(a), await balance(b)]).toEqual([300, 200]);
      const ins = await getJson(`/accounts/${b}/transactions?minPosition=${requested.body.position}`);
      await waitUntil(async () => (await getJson(`/accounts/${b}/transactions`)).items.length === 1, 'the credit to show');
      expect((await getJson(`/accounts/${b}/transactions`)).items).toEqual([
        { position: expect.any(Number), kind: 'transfer-in', amount: 200, balanceAfter: 200, transferId: requested.body.id, occurredAt: expect.any(String) },
      ]);
      expect(ins.items.length).toBeLessThanOrEqual(1);
      const outs = (await getJson(`/accounts/${a}/transactions`)).items.map((m: { kind: string }) => m.kind);
      expect(outs).toEqual(['deposit', 'transfer-out']);
    });

    it('fails a transfer the source cannot cover, with the reason, and moves nothing', async () => {
      const [a, b] = [await open(50), await open()];
      const { id } = (await http().post('/transfers').send({ from: a, to: b, amount: 51 }).expect(202)).body;
      const failed = await settled(id);
      expect(failed).toEqual({ id, from: a, to: b, amount: 51, status: 'failed', reason: expect.stringMatching(/insufficient funds/i), requestedAt: expect.any(String) });
      expect([await balance(a), await balance(b)]).toEqual([50, 0]);
    });

    it('fails a transfer from a closed account', async () => {
      const [a, b] = [await open(), await open()];
      await http().post(`/accounts/${a}/close`).expect(200);
      const { id } = (await http().post('/transfers').send({ from: a, to: b, amount: 1 }).expect(202)).body;
      expect(await settled(id)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/closed/) });
    });

    it('refunds the source and fails the transfer when the destination closed after the debit (compensation)', async () => {
      const [a, b] = [await open(100), await open()];
      const manager = t.app.get(TransferProcessManager);
      const handle = manager.handle.bind(manager);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let debited = false;
      manager.handle = async (event, process) => {
        if (event instanceof AccountDebitedEvent && event.toAccountId === b) {
          debited = true;
          await gate;
        }
        return handle(event, process);
      };
      try {
        const { id } = (await http().post('/transfers').send({ from: a, to: b, amount: 70 }).expect(202)).body;
        await waitUntil(async () => debited, 'the debit');
        await http().post(`/accounts/${b}/close`).expect(200);
        release();
        const failed = await settled(id);
        expect(failed).toMatchObject({ status: 'failed', reason: expect.stringMatching(/closed/) });
        expect([await balance(a), await balance(b)]).toEqual([100, 0]);
        await waitUntil(async () => (await getJson(`/accounts/${a}/transactions`)).items.length === 3, 'the refund to show');
        const kinds = (await getJson(`/accounts/${a}/transactions`)).items.map((m: { kind: string; balanceAfter: number }) => [m.kind, m.balanceAfter]);
        expect(kinds).toEqual([['deposit', 100], ['transfer-out', 30], ['refund', 100]]);
      } finally {
        release();
        manager.handle = handle;
      }
    });

    it('records what the process manager did with the causing event as causation and the request’s correlation id', async () => {
      const [a, b] = [await open(10), await open()];
      const { id } = (await http().post('/transfers').set('X-Correlation-Id', 'flow-42').send({ from: a, to: b, amount: 10 }).expect(202)).body;
      await settled(id);
      const transferEvents = (await getJson(`/events?streamId=${id}`)).items;
      const debit = (await getJson(`/events?streamId=${a}&type=AccountDebited`)).items[0];
      const credit = (await getJson(`/events?streamId=${b}&type=AccountCredited`)).items[0];
      expect(transferEvents.map((e: { type: string }) => e.type)).toEqual(['TransferRequested', 'TransferCompleted']);
      expect(debit.metadata).toMatchObject({ correlationId: 'flow-42', causationId: transferEvents[0].metadata.eventId });
      expect(credit.metadata).toMatchObject({ correlationId: 'flow-42', causationId: debit.metadata.eventId });
      expect(transferEvents[1].metadata).toMatchObject({ correlationId: 'flow-42', causationId: credit.metadata.eventId });
    });

    it('records one transfer per Idempotency-Key: a retried request gets the same id back', async () => {
      const [a, b] = [await open(30), await open()];
      const first = await http().post('/transfers').set('Idempotency-Key', 'tx-1').send({ from: a, to: b, amount: 30 }).expect(202);
      const again = await http().post('/transfers').set('Idempotency-Key', 'tx-1').send({ from: a, to: b, amount: 30 }).expect(202);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      await settled(first.body.id);
      expect((await getJson(`/transfers?account=${a}`)).total).toBe(1);
      expect([await balance(a), await balance(b)]).toEqual([0, 30]);
    });

    it.each([
      ['the same account on both sides', (a: string) => ({ from: a, to: a, amount: 1 }), /to/],
      ['a zero amount', (a: string, b: string) => ({ from: a, to: b, amount: 0 }), /amount/],
      ['a from that is not a UUID', (_: string, b: string) => ({ from: 'x', to: b, amount: 1 }), /from/],
      ['a missing to', (a: string) => ({ from: a, amount: 1 }), /to/],
    ])('refuses %s with 400 naming the field', async (_, body, field) => {
      const [a, b] = [await open(), await open()];
      const response = await http().post('/transfers').send(body(a, b)).expect(400);
      expect(response.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(field) });
    });

    it('answers 404 when either account does not exist, 422 across currencies or to a closed account', async () => {
      const [eur, usd, closed] = [await open(10), await open(10, 'USD'), await open()];
      await http().post(`/accounts/${closed}/close`).expect(200);
      await http().post('/transfers').send({ from: unknownId, to: eur, amount: 1 }).expect(404);
      await http().post('/transfers').send({ from: eur, to: unknownId, amount: 1 }).expect(404);
      expect((await http().post('/transfers').send({ from: eur, to: usd, amount: 1 }).expect(422)).body.message).toMatch(/EUR.*USD/);
      expect((await http().post('/transfers').send({ from: eur, to: closed, amount: 1 }).expect(422)).body.message).toMatch(/closed/);
      await http().get(`/transfers/${unknownId}`).expect(404);
    });

    it('lists transfers by account and status', async () => {
      const [a, b, c] = [await open(100), await open(), await open()];
      const ok = (await http().post('/transfers').send({ from: a, to: b, amount: 60 }).expect(202)).body.id;
      const ko = (await http().post('/transfers').send({ from: c, to: a, amount: 5 }).expect(202)).body.id;
      await settled(ok);
      await settled(ko);
      const ofA = await getJson(`/transfers?account=${a}`);
      expect(ofA.items.map((x: { id: string }) => x.id)).toEqual([ok, ko]);
      expect(ofA.total).toBe(2);
      expect((await getJson(`/transfers?account=${a}&status=failed`)).items.map((x: { id: string }) => x.id)).toEqual([ko]);
      expect((await getJson(`/transfers?account=${b}&status=completed&limit=1`)).items.map((x: { id: string }) => x.id)).toEqual([ok]);
      await http().get('/transfers?status=lost').expect(400);
      await http().get('/transfers?account=nope').expect(400);
    });

    it('shows the transfer process manager running in GET /process-managers, not among projections', async () => {
      const managers = await getJson('/process-managers');
      expect(managers).toEqual([expect.objectContaining({ name: 'transfer_process', status: expect.stringMatching(/running|catching-up/) })]);
      expect((await getJson('/projections')).map((p: { name: string }) => p.name)).not.toContain('transfer_process');
      await http().post('/projections/transfer_process/rebuild').expect(404);
      expect(t.app.get(ProjectionRunner).has('transfer_process')).toBe(false);
    });

    it('keeps every invariant: balances are folds and sums of movements, money is conserved', async () => {
      await checkLedgerInvariants(getJson);
    });
  }),
);
