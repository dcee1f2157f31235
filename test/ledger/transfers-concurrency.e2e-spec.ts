import { setTimeout as sleep } from 'node:timers/promises';
import { ChildApp, spawnApp } from '../support/child-app';
import { checkLedgerInvariants, waitForSettledTransfers } from '../support/ledger-invariants';
import { fetchJson, LoadReport, openFundedAccounts, runLedgerClients } from '../support/ledger-load';
import { describeOn, postgresBackend, sqliteBackend, StoreBackend, TestDatabase } from '../support/store-backends';

jest.setTimeout(240_000);

const LOAD_MS = 3_000;

/** 20 clients for a few seconds over `instances` processes of the service on one database. */
function concurrencySuite(backend: StoreBackend, instances: number) {
  describeOn(backend, `20 concurrent ledger clients on ${instances} instance(s)`, () => {
    let database: TestDatabase;
    let apps: ChildApp[] = [];

    beforeAll(async () => {
      database = await backend.createDatabase();
      for (let i = 0; i < instances; i++) apps.push(await spawnApp({ DATABASE_URL: database.url }));
    });
    afterAll(async () => {
      await Promise.all(apps.map((app) => app.stop()));
      apps = [];
      await database.drop();
    });

    it('keeps every balance a fold of its events and the sum of its movements, conserves money, and answers every retry identically', async () => {
      const urls = apps.map((app) => app.url);
      const accounts = await openFundedAccounts(urls[0], 10, 1_000);
      let running = true;
      const load = runLedgerClients(urls, accounts, { clients: 20, keepGoing: () => running, repeatShare: 0.2 });
      await sleep(LOAD_MS);
      running = false;
      const report: LoadReport = await load;
      expect(report.statuses['202']).toBeGreaterThan(20);
      expect(report.statuses.network ?? 0).toBe(0);
      expect(report.replays).toBeGreaterThan(10);
      expect(report.mismatchedReplays).toEqual([]);
      expect(Object.keys(report.statuses).filter((status) => Number(status) >= 500)).toEqual([]);
      for (const url of urls) await waitForSettledTransfers(fetchJson(url));
      const checked = await checkLedgerInvariants(fetchJson(urls.at(-1)!));
      expect(checked.transfers).toBe(report.acceptedTransfers.length);
    });
  });
}

concurrencySuite(sqliteBackend, 1);
concurrencySuite(postgresBackend, 1);
concurrencySuite(postgresBackend, 2);
