import { randomInt, randomUUID } from 'node:crypto';
import type { GetJson } from './ledger-invariants';

/** What the clients saw: every answer by status, and the transfers the service accepted (202). */
export interface LoadReport {
  statuses: Record<string, number>;
  acceptedTransfers: string[];
  /** Requests sent twice with one Idempotency-Key whose answers differed (should stay empty). */
  mismatchedReplays: string[];
  replays: number;
}

export interface LoadOptions {
  clients: number;
  /** Each client stops once this returns false (checked before each request). */
  keepGoing: () => boolean;
  /** Out of 1: the share of requests sent a second time with the same Idempotency-Key, as a retrying client would. */
  repeatShare?: number;
}

async function post(url: string, body: object, key: string | undefined) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers['idempotency-key'] = key;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: await response.text(), replayed: response.headers.get('idempotent-replayed') };
}

/**
 * Clients doing random deposits, withdrawals and transfers among `accounts` over real HTTP (each
 * request to one of `baseUrls`, at random) until told to stop. Network errors (the service being killed) are counted, not thrown.
 */
export async function runLedgerClients(baseUrls: string | string[], accounts: string[], options: LoadOptions): Promise<LoadReport> {
  const urls = [baseUrls].flat();
  const report: LoadReport = { statuses: {}, acceptedTransfers: [], mismatchedReplays: [], replays: 0 };
  const client = async () => {
    while (options.keepGoing()) {
      const [path, body] = randomRequest(accounts);
      const baseUrl = urls[randomInt(urls.length)];
      const key = options.repeatShare && Math.random() < options.repeatShare ? randomUUID() : undefined;
      try {
        const first = await post(`${baseUrl}${path}`, body, key);
        report.statuses[first.status] = (report.statuses[first.status] ?? 0) + 1;
        if (path === '/transfers' && first.status === 202) report.acceptedTransfers.push(JSON.parse(first.body).id);
        if (key && first.status !== 409 && first.status < 500) {
          // The retry may reach another instance: the record is in the shared database.
          const again = await post(`${urls[randomInt(urls.length)]}${path}`, body, key);
          report.replays += 1;
          if (again.status !== first.status || again.body !== first.body || again.replayed !== 'true') report.mismatchedReplays.push(`${path} ${first.status}/${again.status}`);
        }
      } catch {
        report.statuses.network = (report.statuses.network ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  return report;
}

function randomRequest(accounts: string[]): [string, object] {
  const pick = () => accounts[randomInt(accounts.length)];
  const roll = Math.random();
  if (roll < 0.2) return [`/accounts/${pick()}/deposits`, { amount: randomInt(1, 500) }];
  if (roll < 0.35) return [`/accounts/${pick()}/withdrawals`, { amount: randomInt(1, 300) }];
  const from = pick();
  let to = pick();
  while (to === from) to = pick();
  return ['/transfers', { from, to, amount: randomInt(1, 400) }];
}

/** Opens `count` EUR accounts with `balance` each, over HTTP; answers their ids. */
export async function openFundedAccounts(baseUrl: string, count: number, balance: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const opened = await post(`${baseUrl}/accounts`, { owner: `client ${i}`, currency: 'EUR' }, undefined);
    const { id } = JSON.parse(opened.body);
    await post(`${baseUrl}/accounts/${id}/deposits`, { amount: balance }, undefined);
    ids.push(id);
  }
  return ids;
}

/** A GetJson over fetch, for a service in another process. */
export function fetchJson(baseUrl: string): GetJson {
  return async (path: string) => {
    const response = await fetch(`${baseUrl}${path}`);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
}
