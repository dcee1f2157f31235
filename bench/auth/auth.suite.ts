import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { ApiKey } from '../../src/auth/api-keys/api-key.entity';
import { ApiKeys } from '../../src/auth/api-keys/api-keys.service';
import { validateEnvironment } from '../../src/config/environment';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import { initializeDataSource } from '../../src/event-sourcing';
import { AppServer, startAppServer } from '../http/app-server';
import { hasErrors, LoadOutcome, outcomeCells, runLoad } from '../http/load';
import { MAX_COUNTERS } from '../http/measure-on-server';
import { seedCounters } from '../http/seed-counters';
import { table } from '../support/markdown';
import { percentOf, verdict } from '../support/stats';
import type { BenchContext, BenchSection, BenchSuite } from '../support/suite';

const RATIO_TARGET = 0.85;
const CONNECTIONS = [10, 100];
const SECRET = 'bench-secret-that-is-at-least-32-characters';
const ROUNDS = 3;

type Mode = 'off' | 'JWT (HS256)' | 'API key';
interface Measured {
  mode: Mode;
  connections: number;
  outcome: LoadOutcome;
}

/**
 * The cost of authentication on `POST /counters/:id/increment` over 1,000 counters: a server with
 * authentication off beside one with AUTH_JWT_SECRET, on which the same load sends a bearer token
 * or an API key (one database lookup per request). Rate limits are off on both.
 */
export const authSuite: BenchSuite = {
  name: 'auth',
  async run(context: BenchContext): Promise<BenchSection> {
    const databaseUrl = `sqlite:${join(context.tmpDir, 'auth-on.db')}`;
    const apiKey = await createApiKey(databaseUrl);
    const token = await new SignJWT({ roles: ['write'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('bench')
      .setExpirationTime('2h')
      .sign(new TextEncoder().encode(SECRET));
    const off = await startAppServer({ ...serverOptions(context), databaseUrl: `sqlite:${join(context.tmpDir, 'auth-off.db')}` });
    try {
      const on = await startAppServer({ ...serverOptions(context), databaseUrl, env: { AUTH_JWT_SECRET: SECRET } });
      try {
        const targets: Target[] = [
          { mode: 'off', server: off, headers: {} },
          { mode: 'JWT (HS256)', server: on, headers: { authorization: `Bearer ${token}` } },
          { mode: 'API key', server: on, headers: { 'x-api-key': apiKey } },
        ];
        context.log('auth: both servers up; seeding');
        const paths = new Map<AppServer, string[]>();
        for (const { server, headers } of targets.slice(0, 2)) {
          paths.set(server, (await seedCounters(server.url, MAX_COUNTERS, headers)).map((id) => `/counters/${id}/increment`));
        }
        const loadBefore = loadavg()[0];
        const measured = await measureInTurns(context, targets, paths);
        return describe(measured, context.quick, [loadBefore, loadavg()[0]]);
      } finally {
        await on.stop();
      }
    } finally {
      await off.stop();
    }
  },
};

interface Target {
  mode: Mode;
  server: AppServer;
  headers: Record<string, string>;
}

function serverOptions(context: BenchContext) {
  return { synchronous: 'FULL' as const, tmpDir: context.tmpDir, nodeFlags: context.nodeFlags };
}

/**
 * Both servers run side by side (an idle one costs next to nothing), and the modes take turns,
 * round after round: a slow spell of the shared machine then hits every mode alike. Each row is
 * the median of its rounds.
 */
async function measureInTurns(context: BenchContext, targets: Target[], paths: Map<AppServer, string[]>): Promise<Measured[]> {
  const rounds = context.quick ? 1 : ROUNDS;
  const outcomes = new Map<string, LoadOutcome[]>();
  for (let round = 1; round <= rounds; round++) {
    context.log(`auth: round ${round} of ${rounds}`);
    for (const connections of CONNECTIONS) {
      // Each round starts with another mode, so none always runs right after a given one.
      const order = [...targets.slice(round % targets.length), ...targets.slice(0, round % targets.length)];
      for (const { mode, server, headers } of order) {
        const cell = { method: 'POST' as const, paths: paths.get(server)!, connections, seconds: context.quick ? 1 : 5, headers };
        const [outcome] = await runLoad({ url: server.url, serverPid: server.pid, warmupSeconds: context.quick ? 0.5 : 1, cells: [cell] }, context.tmpDir);
        outcomes.set(`${mode}/${connections}`, [...(outcomes.get(`${mode}/${connections}`) ?? []), outcome]);
      }
    }
  }
  return targets.flatMap(({ mode }) => CONNECTIONS.map((connections) => ({ mode, connections, outcome: medianOutcome(outcomes.get(`${mode}/${connections}`)!) })));
}

/** The round with the median throughput (its latencies and CPU go with it); errors of any round count. */
function medianOutcome(outcomes: LoadOutcome[]): LoadOutcome {
  const sorted = [...outcomes].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { ...median, non2xx: sum(outcomes, 'non2xx'), errors: sum(outcomes, 'errors'), neverMeasured: outcomes.some((o) => o.neverMeasured) };
}

function sum(outcomes: LoadOutcome[], field: 'non2xx' | 'errors'): number {
  return outcomes.reduce((total, outcome) => total + outcome[field], 0);
}

async function createApiKey(databaseUrl: string): Promise<string> {
  const dataSource = await initializeDataSource({ ...typeOrmOptions(validateEnvironment({ DATABASE_URL: databaseUrl })), entities: [ApiKey] });
  try {
    return await new ApiKeys(dataSource).create('bench', ['write']);
  } finally {
    await dataSource.destroy();
  }
}

function describe(measured: Measured[], quick: boolean, load: [number, number]): BenchSection {
  const find = (mode: Mode, connections: number) => measured.find((m) => m.mode === mode && m.connections === connections)!.outcome;
  const rows = measured.map(({ mode, connections, outcome }) => [mode, connections, ...outcomeCells(outcome)]);
  const ratios = measured
    .filter((m) => m.mode !== 'off')
    .map(({ mode, connections, outcome }) => {
      const off = find('off', connections);
      const flagged = hasErrors(outcome) || hasErrors(off) ? ' (**runs had errors**)' : '';
      return [`${mode}, ${connections} connections`, percentOf(outcome.requestsPerSecond, off.requestsPerSecond), `≥ ${RATIO_TARGET * 100}%`, verdict(outcome.requestsPerSecond >= RATIO_TARGET * off.requestsPerSecond) + flagged];
    });
  const markdown = [
    '`POST /counters/:id/increment` over 1,000 counters on SQLite (`synchronous=FULL`), as in workload 1, on two servers',
    'running side by side: one with authentication off, one with `AUTH_JWT_SECRET` set, loaded with a bearer token (HS256,',
    'verified with `jose` on every request) or an API key (`X-Api-Key`: a SHA-256 and one indexed lookup in `api_keys` per',
    'request, so that a revocation takes effect at once). Rate limits are off on both (the bench is one caller far over the',
    'defaults). The three take turns, round after round, so that a slow spell of the shared machine hits them alike;',
    `${quick ? 'a `--quick` run: one round of 0.5 s warm-up and 1 s measured, so indicative only.' : `each row is the median of ${ROUNDS} rounds of 1 s warm-up and 5 s measured.`}`,
    `The machine's load average (1 min) was ${load[0].toFixed(1)} before and ${load[1].toFixed(1)} after (it has ${cpus().length} cores);`,
    'on a busy machine "server CPU / request" is the steadier gauge of what authentication adds.',
    '',
    table(['authentication', 'connections', 'requests/s', 'p50', 'p99', 'server CPU / request', 'non-2xx / errors'], rows),
    '',
    table(['with authentication, vs off', 'throughput', 'target', 'verdict'], ratios),
  ].join('\n');
  const headlines = measured
    .filter((m) => m.mode !== 'off')
    .map(({ mode, connections, outcome }) => `Authentication cost (${mode}, ${connections} connections): ${percentOf(outcome.requestsPerSecond, find('off', connections).requestsPerSecond)} of the throughput with authentication off (target ≥ 85%)`);
  return { title: 'Cost of authentication on commands', markdown, headlines };
}
