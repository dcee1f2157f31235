import request from 'supertest';
import { TRANSFER_PROCESS } from '../../src/ledger/process-managers/transfer.process-manager';
import { checkLedgerInvariants } from '../support/ledger-invariants';
import { rewindCheckpoint } from '../support/rewind-checkpoint';
import { describeOn, storeBackends, TestDatabase } from '../support/store-backends';
import { startTestApp, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait-until';

storeBackends.forEach((backend) =>
  describeOn(backend, 'The transfer process manager replaying its whole history', () => {
    let database: TestDatabase;
    let t: TestApp | null = null;
    const start = async () => (t = await startTestApp({ DATABASE_URL: database.url }));
    const http = () => request(t!.server);
    const getJson = async (path: string) => (await http().get(path).expect(200)).body;
    const settled = () =>
      waitUntil(async () => {
        const [manager] = await getJson('/process-managers');
        const pending = await getJson('/transfers?status=pending');
        return manager.lag === 0 && manager.status === 'running' && pending.total === 0;
      }, 'the transfers to settle');

    beforeAll(async () => {
      database = await backend.createDatabase();
    });
    afterAll(async () => {
      await t?.close();
      await database.drop();
    });

    it('changes nothing: each step is answered from its record, a refused debit stays refused after a deposit', async () => {
      await start();
      const open = async () => (await http().post('/accounts').send({ owner: 'Ada', currency: 'EUR' }).expect(201)).body.id as string;
      const [a, b] = [await open(), await open()];
      await http().post(`/accounts/${a}/deposits`).send({ amount: 100 }).expect(200);
      const completed = (await http().post('/transfers').send({ from: a, to: b, amount: 60 }).expect(202)).body.id;
      const refused = (await http().post('/transfers').send({ from: a, to: b, amount: 70 }).expect(202)).body.id;
      await settled();
      // Now the refused debit would go through if it were sent again.
      await http().post(`/accounts/${a}/deposits`).send({ amount: 1_000 }).expect(200);
      await settled();
      const before = { head: (await getJson('/projections'))[0].headPosition, a: (await getJson(`/accounts/${a}`)).balance, b: (await getJson(`/accounts/${b}`)).balance };
      await t!.close();

      await rewindCheckpoint(database.url, TRANSFER_PROCESS, 0);
      await start();
      await settled();
      expect({ head: (await getJson('/projections'))[0].headPosition, a: (await getJson(`/accounts/${a}`)).balance, b: (await getJson(`/accounts/${b}`)).balance }).toEqual(before);
      expect([(await getJson(`/transfers/${completed}`)).status, (await getJson(`/transfers/${refused}`)).status]).toEqual(['completed', 'failed']);
      await checkLedgerInvariants(getJson);
    });
  }),
);
