import { waitUntil } from './wait-until';

/** A GET against the service under test, answering the parsed JSON body (non-2xx is an error). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of several shapes, checked by the assertions
export type GetJson = (path: string) => Promise<any>;

interface Movement {
  position: number;
  kind: 'deposit' | 'withdrawal' | 'transfer-out' | 'transfer-in' | 'refund';
  amount: number;
  balanceAfter: number;
  transferId?: string;
}

const SIGN = { deposit: 1, withdrawal: -1, 'transfer-out': -1, 'transfer-in': 1, refund: 1 } as const;

/** Every item of a paged list (`limit`/`offset`). */
export async function listAll(get: GetJson, path: string): Promise<Awaited<ReturnType<GetJson>>[]> {
  const items: Awaited<ReturnType<GetJson>>[] = [];
  for (;;) {
    const page = await get(`${path}${path.includes('?') ? '&' : '?'}limit=100&offset=${items.length}`);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

async function movementsOf(get: GetJson, accountId: string): Promise<Movement[]> {
  const items: Movement[] = [];
  for (let after = 0; ; ) {
    const page = await get(`/accounts/${accountId}/transactions?after=${after}&limit=1000`);
    if (page.items.length === 0) return items;
    items.push(...page.items);
    after = page.nextAfter;
  }
}

/** Sum of one event type's `amount` in the whole log (the store's truth, not a read model). */
async function totalOf(get: GetJson, type: string): Promise<number> {
  let total = 0;
  for (let after = 0; ; ) {
    const page = await get(`/events?type=${type}&after=${after}&limit=1000`);
    if (page.items.length === 0) return total;
    for (const event of page.items) total += event.data.amount;
    after = page.nextAfter;
  }
}

/** Waits until no transfer is pending and every read model has caught up with the log. */
export async function waitForSettledTransfers(get: GetJson, timeoutMs = 60_000): Promise<void> {
  await waitUntil(
    async () => {
      const pending = await get('/transfers?status=pending&limit=1');
      if (pending.total > 0) return false;
      const states: { lag: number }[] = [...(await get('/projections')), ...(await get('/process-managers'))];
      return states.every((state) => state.lag === 0);
    },
    'every transfer to settle',
    timeoutMs,
  );
}

/**
 * The ledger's invariants, read over HTTP once everything settled: each account's balance is the
 * fold of its own events and the sum of its movements; no account shows one kind of movement
 * twice for a transfer; a completed transfer moved its amount out and in once, a failed one left
 * nothing behind; and all balances together equal deposits minus withdrawals.
 */
export async function checkLedgerInvariants(get: GetJson): Promise<{ accounts: number; transfers: number; total: number }> {
  const accounts = await listAll(get, '/accounts');
  const transfers = await listAll(get, '/transfers');
  const movementsByTransfer = new Map<string, string[]>();
  let total = 0;
  for (const account of accounts) {
    const movements = await movementsOf(get, account.id);
    const folded = await get(`/accounts/${account.id}/state?version=${account.version}`);
    const sum = movements.reduce((balance, m) => balance + SIGN[m.kind] * m.amount, 0);
    expect({ id: account.id, folded: folded.balance, sum, last: movements.at(-1)?.balanceAfter ?? 0 }).toEqual({
      id: account.id,
      folded: account.balance,
      sum: account.balance,
      last: account.balance,
    });
    for (const m of movements.filter((m) => m.transferId)) {
      const seen = movementsByTransfer.get(m.transferId!) ?? [];
      seen.push(`${m.kind}@${account.id}`);
      movementsByTransfer.set(m.transferId!, seen);
    }
    total += account.balance;
  }
  for (const transfer of transfers) {
    const seen = (movementsByTransfer.get(transfer.id) ?? []).sort();
    const expected =
      transfer.status === 'completed'
        ? [`transfer-in@${transfer.to}`, `transfer-out@${transfer.from}`]
        : seen.length === 0
          ? []
          : [`refund@${transfer.from}`, `transfer-out@${transfer.from}`];
    expect({ transfer: transfer.id, status: transfer.status, movements: seen }).toEqual({ transfer: transfer.id, status: transfer.status, movements: expected.sort() });
    expect(transfer.status).not.toBe('pending');
  }
  expect(total).toBe((await totalOf(get, 'MoneyDeposited')) - (await totalOf(get, 'MoneyWithdrawn')));
  return { accounts: accounts.length, transfers: transfers.length, total };
}
