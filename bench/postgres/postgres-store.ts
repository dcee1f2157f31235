import type { PostgresStoreResults, PostgresStoreWorkerArgs } from '../store/postgres-store.worker';
import { openPostgresDataSource } from '../store/our-postgres-store';
import { FULL_SIZES, QUICK_SIZES, type StoreSizes } from '../store/workloads';
import { runWorker } from '../support/child';
import { table } from '../support/markdown';
import { count, median, percentOf, verdict } from '../support/stats';
import type { BenchContext } from '../support/suite';
import { admin, POSTGRES_ADMIN_URL, postgresUnavailable, withTempPostgresDatabase } from '../../test/support/temp-postgres';

type Implementation = PostgresStoreWorkerArgs['implementation'];

/** Issue 15: W1 and W2 at 70% of plain pg or better. */
const STORE_TARGET = 0.7;

const WHAT_LIMITS =
  'What limits these numbers: a commit on PostgreSQL is a few round trips to the server and one WAL flush (`fsync`), and ' +
  'both sides pay the flush. The baseline pays four round trips (BEGIN, the version query, the INSERT, COMMIT). Ours pays one: ' +
  'an append without idempotent commands is one call of the `chronicle_append` function (a core migration) as a named ' +
  'prepared statement, run as its own transaction, which takes the cluster-wide append lock (`pg_advisory_xact_lock`, that ' +
  'keeps global positions gap-free in commit order across instances), reads the stream versions, checks each expectation, ' +
  'inserts the events and announces the commit (`pg_notify`, for other instances’ projections). It does more work on the ' +
  'server than the baseline (the lock, the notification, PL/pgSQL, JSON text parsed into `jsonb`), so with a fast flush the ' +
  'baseline’s extra round trips are what we win back; when the flush dominates (a slow disk), both sides converge. ' +
  'Appends that arrive together share one call and one commit (`PostgresAppender`), but these workloads await every call, ' +
  'so nothing here can share a commit. An append that records idempotent commands still takes a transaction of several ' +
  'statements: their answers are computed in the app from the positions drawn, before the commit.';

interface ServerInfo {
  version: string;
  synchronousCommit: string;
  fsync: string;
}

/**
 * W1 and W2 (the store suite's definitions) on the local PostgreSQL: our PostgresEventStore through
 * the production DataSource against plain pg, each in a fresh process on a fresh database.
 */
export async function measurePostgresStore(context: BenchContext): Promise<{ markdown: string; headlines: string[] }> {
  const unavailable = postgresUnavailable();
  if (unavailable) {
    context.log(`postgres store: skipped (${unavailable})`);
    return { markdown: `The store workloads on PostgreSQL were **skipped**: ${unavailable}.`, headlines: [] };
  }
  const server = await describeServer();
  // A commit here costs a millisecond or more, so `--quick` writes fewer single appends than on SQLite.
  const sizes = context.quick ? { ...QUICK_SIZES, w1Events: 1_000, w1Streams: 100 } : FULL_SIZES;
  const repetitions = context.quick ? 1 : 3;
  const results: Record<Implementation, PostgresStoreResults[]> = { ours: [], raw: [] };
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    for (const implementation of ['ours', 'raw'] as const) {
      context.log(`postgres store: ${implementation}, repetition ${repetition}/${repetitions}`);
      results[implementation].push(await measureOnFreshDatabase(context, implementation, sizes));
    }
  }
  return report(results, sizes, repetitions, server, context.quick);
}

async function measureOnFreshDatabase(context: BenchContext, implementation: Implementation, sizes: StoreSizes): Promise<PostgresStoreResults> {
  return withTempPostgresDatabase(async (url) => {
    // The baseline's schema comes from the same migrations, run here so its process loads no TypeORM.
    if (implementation === 'raw') await (await openPostgresDataSource(url)).destroy();
    const args: PostgresStoreWorkerArgs = { implementation, url, sizes };
    return (await runWorker<PostgresStoreWorkerArgs, PostgresStoreResults>('store/postgres-store.worker.ts', args, context.nodeFlags)).result;
  });
}

async function describeServer(): Promise<ServerInfo> {
  return admin(async (client) => {
    const setting = async (name: string) => (await client.query<{ value: string }>(`SELECT current_setting($1) AS value`, [name])).rows[0].value;
    return { version: await setting('server_version'), synchronousCommit: await setting('synchronous_commit'), fsync: await setting('fsync') };
  });
}

function report(
  results: Record<Implementation, PostgresStoreResults[]>,
  sizes: StoreSizes,
  repetitions: number,
  server: ServerInfo,
  quick: boolean,
): { markdown: string; headlines: string[] } {
  const value = (implementation: Implementation, key: keyof PostgresStoreResults) => median(results[implementation].map((r) => r[key]));
  const workloads = [
    { key: 'w1' as const, name: 'W1 append-single (events/s)' },
    { key: 'w2' as const, name: 'W2 append-batch (events/s)' },
  ];
  const rows = workloads.map(({ key, name }) => {
    const [ours, raw] = [value('ours', key), value('raw', key)];
    return [name, count(ours), count(raw), percentOf(ours, raw), `≥ ${STORE_TARGET * 100}%`, verdict(ours >= STORE_TARGET * raw)];
  });
  const reduced = sizes.w1Events !== FULL_SIZES.w1Events ? ' **Sizes reduced for `--quick`** (the issue’s: W1 20,000 over 1,000 streams, W2 100 x 200).' : '';
  const markdown = [
    `W1 and W2 as defined for the SQLite store (W1: ${count(sizes.w1Events)} single appends over ${count(sizes.w1Streams)} streams, ` +
      `awaited one by one, then a stale append that must be rejected; W2: ${sizes.w2Streams} new streams x ${sizes.w2EventsPerStream} ` +
      `events, one call each) on PostgreSQL ${server.version} at ${new URL(POSTGRES_ADMIN_URL).host} (synchronous_commit=${server.synchronousCommit}, ` +
      `fsync=${server.fsync}). **ours** is \`PostgresEventStore\` through the production DataSource (\`typeOrmOptions\`, migrations, ` +
      '`createEventStore`); **raw** is one plain pg connection on the same schema: a transaction of `SELECT MAX(version)` and one ' +
      'multi-row `INSERT` as named prepared statements. Each is a fresh process on a fresh database; ' +
      `${repetitions === 1 ? 'one repetition' : `medians of ${repetitions}`}.${quick ? ' A `--quick` run: indicative only.' : ''}${reduced}`,
    '',
    table(['workload', 'ours', 'raw pg', 'ours/raw', 'target', 'verdict'], rows),
    '',
    WHAT_LIMITS,
  ].join('\n');
  const headlines = workloads.map(
    ({ key, name }) =>
      `PostgreSQL store ${name.replace(/ \(.*\)$/, '')}: ${count(value('ours', key))} events/s, ${percentOf(value('ours', key), value('raw', key))} of plain pg`,
  );
  return { markdown, headlines };
}
