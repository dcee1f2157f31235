import { setTimeout as sleep } from 'node:timers/promises';
import { spawnApp } from '../support/child-app';
import { checkLedgerInvariants, waitForSettledTransfers } from '../support/ledger-invariants';
import { fetchJson, openFundedAccounts, runLedgerClients } from '../support/ledger-load';
import { describeOn, storeBackends, TestDatabase } from '../support/store-backends';

jest.setTimeout(240_000);

storeBackends.forEach((backend) =>
  describeOn(backend, 'Transfers across SIGKILL', () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await backend.createDatabase();
    });
    afterAll(() => database.drop());

    it('settles every transfer after the service is killed twice mid-flight, and conserves money', async () => {
      const env = { DATABASE_URL: database.url };
      let app = await spawnApp(env);
      const accounts = await openFundedAccounts(app.url, 10, 1_000);
      const accepted: string[] = [];
      for (let round = 0; round < 2; round++) {
        let running = true;
        const load = runLedgerClients(app.url, accounts, { clients: 10, keepGoing: () => running });
        await sleep(1_500);
        await app.kill(); // mid-flight: requests unanswered, the process manager between steps
        running = false;
        const report = await load;
        expect(report.statuses['202']).toBeGreaterThan(0);
        accepted.push(...report.acceptedTransfers);
        app = await spawnApp(env);
      }
      try {
        const get = fetchJson(app.url);
        await waitForSettledTransfers(get);
        for (const id of accepted) expect(['completed', 'failed']).toContain((await get(`/transfers/${id}`)).status);
        const checked = await checkLedgerInvariants(get);
        expect(checked.transfers).toBeGreaterThanOrEqual(accepted.length);
        expect(checked.total).toBeGreaterThan(0);
      } finally {
        await app.stop();
      }
    });
  }),
);
