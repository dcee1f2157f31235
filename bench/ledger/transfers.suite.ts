import { setTimeout as sleep } from 'node:timers/promises';
import { startAppServer } from '../http/app-server';
import { cpuPerRequest, describeErrors, LoadOutcome, runLoad } from '../http/load';
import { table } from '../support/markdown';
import { millis } from '../support/stats';
import type { BenchContext, BenchSection, BenchSuite } from '../support/suite';
import { seedAccounts } from './seed-accounts';

const ACCOUNTS = 1_000;
// Enough that no transfer of this run can fail for want of funds: the bench measures the happy path.
const OPENING_BALANCE = 1_000_000_000;
const BODIES = 5_000;
const SETTLE_TIMEOUT_MS = 300_000;

interface Measured {
  connections: number;
  load: LoadOutcome;
  /** Transfers that reached completed or failed between the start of the run and the moment none was pending. */
  settled: number;
  settledPerSecond: number;
  /** From the end of the load until the last pending transfer settled. */
  drainMs: number;
}

async function settledCount(url: string): Promise<{ settled: number; pending: number; all: number }> {
  const total = async (status?: string) => ((await (await fetch(`${url}/transfers?limit=1${status ? `&status=${status}` : ''}`)).json()) as { total: number }).total;
  return { settled: (await total('completed')) + (await total('failed')), pending: await total('pending'), all: await total() };
}

/** When the first transfer after the first `offset` ones was requested (the server's clock, on this machine). */
async function requestedAt(url: string, offset: number): Promise<number> {
  const page = (await (await fetch(`${url}/transfers?limit=1&offset=${offset}`)).json()) as { items: { requestedAt: string }[] };
  return Date.parse(page.items[0].requestedAt);
}

function transferBodies(accounts: string[]): string[] {
  const pick = () => accounts[Math.floor(Math.random() * accounts.length)];
  return Array.from({ length: BODIES }, () => {
    const from = pick();
    let to = pick();
    while (to === from) to = pick();
    return JSON.stringify({ from, to, amount: 1 + Math.floor(Math.random() * 1_000) });
  });
}

/** One load run of POST /transfers, then the wait until the process manager has settled every transfer. */
async function measureCell(context: BenchContext, server: { url: string; pid: number }, bodies: string[], connections: number): Promise<Measured> {
  const before = await settledCount(server.url);
  const cell = { method: 'POST' as const, paths: ['/transfers'], bodies, connections, seconds: context.quick ? 1 : 6 };
  const [load] = await runLoad({ url: server.url, serverPid: server.pid, cells: [cell], warmupSeconds: context.quick ? 0.5 : 1 }, context.tmpDir);
  const loadEnded = Date.now();
  let now = await settledCount(server.url);
  while (now.pending > 0) {
    if (Date.now() - loadEnded > SETTLE_TIMEOUT_MS) throw new Error(`${now.pending} transfers still pending ${SETTLE_TIMEOUT_MS / 1000} s after the load`);
    await sleep(50);
    now = await settledCount(server.url);
  }
  const ended = Date.now();
  const settled = now.settled - before.settled;
  // From the first request the service accepted (not from starting the load generator's process).
  const started = await requestedAt(server.url, before.all);
  context.log(`transfers: ${connections} connections: ${settled} settled, ${load.statusCodes['202'] ?? 0} accepted, errors: ${describeErrors(load)}`);
  return { connections, load, settled, settledPerSecond: settled / ((ended - started) / 1000), drainMs: ended - loadEnded };
}

export const transfersSuite: BenchSuite = {
  name: 'transfers',
  async run(context: BenchContext): Promise<BenchSection> {
    context.log('transfers: SQLite, synchronous=FULL');
    const server = await startAppServer({ tmpDir: context.tmpDir, synchronous: 'FULL', nodeFlags: context.nodeFlags });
    const measured: Measured[] = [];
    try {
      const bodies = transferBodies(await seedAccounts(server.url, ACCOUNTS, OPENING_BALANCE));
      for (const connections of [10, 100]) measured.push(await measureCell(context, server, bodies, connections));
    } finally {
      await server.stop();
    }
    const rows = measured.map((m) => [
      String(m.connections),
      rate(m.load.requestsPerSecond),
      rate(m.settledPerSecond),
      `${rate((m.settledPerSecond / m.load.requestsPerSecond) * 100)}%`,
      millis(m.drainMs),
      m.load.p99Ms === null || Number.isNaN(m.load.p99Ms) ? '—' : millis(m.load.p99Ms),
      cpuPerRequest(m.load),
      describeErrors(m.load),
    ]);
    return {
      title: 'Transfers end to end (the ledger and its process manager)',
      markdown: [
        HOW,
        '',
        table(['connections', 'accepted (202) / s', 'settled / s, end to end', 'settled / accepted', 'drain after the load', 'p99 of POST', 'server CPU / request', 'errors'], rows),
        '',
        FINDINGS,
      ].join('\n'),
      headlines: measured.map(
        (m) => `transfers over ${ACCOUNTS.toLocaleString('en')} accounts at ${m.connections} connections: ${rate(m.settledPerSecond)} settled/s end to end (${rate(m.load.requestsPerSecond)} accepted/s)`,
      ),
    };
  },
};

/** A rate, or "—" for a run that measured nothing (NaN, which comes back from the load worker as null). */
function rate(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : value.toFixed(0);
}

const HOW = [
  `The built app on a fresh SQLite file (\`synchronous=FULL\`), ${ACCOUNTS.toLocaleString('en')} accounts opened and funded through the API`,
  'first. autocannon (its own process) POSTs /transfers between two accounts picked at random, with an amount of 1 to',
  '1,000 cents; each transfer is then three more commands sent by the transfer process manager (debit, credit,',
  'complete), each recorded with its idempotency record, while the projections follow. "Settled / s, end to end" counts',
  'the transfers that reached `completed` or `failed`, from the first one the run requested (warm-up included) until none',
  'was pending, divided by that whole time, so it includes the process manager catching up after the load stopped. The',
  'process manager handles the transfers of one batch side by side (`partitionBy` the transfer), each one\'s steps in order.',
].join('\n');

const FINDINGS = [
  '- **A transfer is four commits in a row.** The request, then debit, credit and complete, each a command that commits',
  '  (with its idempotency record) before the process manager sees its event and sends the next, behind the projections',
  '  that share the one SQLite writer. So requests are accepted faster than they settle, the backlog grows during the',
  '  run and is worked off after it ("drain"). Handling the transfers of a batch side by side (`partitionBy`) lets their',
  '  steps share commits; measured while writing this suite (not in this run), a process manager that took one event at',
  '  a time settled a few transfers per second on this shared machine, far behind the requests.',
].join('\n');
