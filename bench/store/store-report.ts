import { table } from '../support/markdown';
import { count, median, megabytes, millis, percentOf, timesOf, verdict } from '../support/stats';
import type { BenchSection } from '../support/suite';
import type { Synchronous } from './raw-sqlite-store';
import type { Implementation } from './store.worker';
import { FULL_SIZES, type StoreSizes, type WorkloadResults } from './workloads';

export interface StoreRun {
  implementation: Implementation;
  synchronous: Synchronous;
  result: WorkloadResults;
  peakRssBytes: number;
}

/** Peak RSS of processes that load, but do not run, what the measured ones do. */
export interface RssBreakdown {
  /** Node with the bench's worker harness, nothing else. */
  harnessBytes: number;
  /** The same plus our store opened the app's way on a fresh file (modules, migrations), no workload. */
  openedBytes: number;
}

export interface Measurements {
  sizes: StoreSizes;
  repetitions: number;
  runs: StoreRun[];
  rss: RssBreakdown;
}

interface Workload {
  key: keyof WorkloadResults;
  name: string;
  /** Events/s, higher is better, target a minimum share of raw; or ms, lower is better, target a maximum factor. */
  kind: 'rate' | 'time';
  bound: number;
}

const WORKLOADS: Workload[] = [
  { key: 'w1', name: 'W1 append-single (events/s)', kind: 'rate', bound: 0.7 },
  { key: 'w2', name: 'W2 append-batch (events/s)', kind: 'rate', bound: 0.5 },
  { key: 'w3', name: 'W3 read+fold one stream (ms)', kind: 'time', bound: 1.5 },
  { key: 'w4', name: 'W4 scan in global order (events/s)', kind: 'rate', bound: 0.6 },
];
const MODES: Synchronous[] = ['FULL', 'NORMAL'];
const RSS_LIMIT_BYTES = 150 * 1024 * 1024;

// The issue author's measurements on this machine with the same workloads (medians of 3).
const PEERS: string[][] = [
  ['raw better-sqlite3', '5.5k / 26k', '184k / 229k', '30 ms', '288k / 366k', '—'],
  ['TypeORM 1.x store, straightforward (transaction + `maximum()` + `save()`)', '3.1k / 8.4k', '22k / 24k', '38 ms', '193k', '200 MB'],
  ["Emmett's SQLite store (best configuration)", '1.3k / 1.8k', '55k / 43k', '96 ms', '90k', '—'],
];

export function storeReport(measurements: Measurements, quick: boolean): BenchSection {
  const { runs } = measurements;
  const value = (implementation: Implementation, mode: Synchronous, key: keyof WorkloadResults) =>
    median(runs.filter((r) => r.implementation === implementation && r.synchronous === mode).map((r) => r.result[key]));
  const peakRss = (implementation: Implementation, mode: Synchronous) =>
    Math.max(...runs.filter((r) => r.implementation === implementation && r.synchronous === mode).map((r) => r.peakRssBytes));

  const missed: string[] = [];
  const headlines: string[] = [];
  const rows = WORKLOADS.map((workload) => {
    const cells: string[] = [];
    const missedModes: Synchronous[] = [];
    for (const mode of MODES) {
      const ours = value('ours', mode, workload.key);
      const raw = value('raw', mode, workload.key);
      if (!meets(workload, ours, raw)) missedModes.push(mode);
      cells.push(...(workload.kind === 'rate' ? [count(ours), count(raw), percentOf(ours, raw)] : [millis(ours), millis(raw), timesOf(ours, raw)]));
    }
    const target = workload.kind === 'rate' ? `≥ ${Math.round(workload.bound * 100)}%` : `≤ ${workload.bound.toFixed(2)}x`;
    const met = missedModes.length === 0 ? verdict(true) : `${verdict(false)} (${missedModes.join(', ')})`;
    if (missedModes.length > 0) missed.push(workload.key);
    headlines.push(headline(workload, cells, target, met));
    return [workload.name, ...cells, target, met];
  });

  const oursRss = Math.max(...MODES.map((mode) => peakRss('ours', mode)));
  const rssMet = oursRss <= RSS_LIMIT_BYTES;
  if (!rssMet) missed.push('rss');
  rows.push([
    'peak RSS of the process',
    ...MODES.flatMap((mode) => [megabytes(peakRss('ours', mode)), megabytes(peakRss('raw', mode)), timesOf(peakRss('ours', mode), peakRss('raw', mode))]),
    '≤ 150 MB (ours)',
    verdict(rssMet),
  ]);
  headlines.push(
    `SQLite store peak RSS: ${megabytes(oursRss)} for the process running W1–W4 through our store (target ≤ 150 MB: ${rssMet ? 'met' : 'missed'}); ` +
      `${megabytes(measurements.rss.harnessBytes)} of it is Node itself with the worker harness.`,
  );

  const markdown = [
    describeMethod(measurements, quick),
    '',
    table(
      ['workload', 'FULL: ours', 'FULL: raw', 'FULL: ours/raw', 'NORMAL: ours', 'NORMAL: raw', 'NORMAL: ours/raw', 'target', ''],
      rows,
    ),
    '',
    describeRss(measurements, oursRss),
    '',
    'For comparison, peers measured **by the issue author on this machine, not in this run**, with the full-size workloads ' +
      '(medians of 3; FULL / NORMAL where two numbers; events/s unless noted). Compare them with the raw row above to see how ' +
      'this run’s machine differed:',
    '',
    table(['store', 'W1', 'W2', 'W3', 'W4', 'peak RSS'], PEERS),
    '',
    ...missed.map((key) => `**${key === 'rss' ? 'Peak RSS' : key.toUpperCase()} missed.** ${BOTTLENECKS[key]}\n`),
  ].join('\n');
  return { title: 'Event store on SQLite (W1–W4)', markdown, headlines };
}

function meets(workload: Workload, ours: number, raw: number): boolean {
  return workload.kind === 'rate' ? ours >= workload.bound * raw : ours <= workload.bound * raw;
}

function headline(workload: Workload, cells: string[], target: string, met: string): string {
  const [fullOurs, , fullRatio, normalOurs, , normalRatio] = cells;
  const share = workload.kind === 'rate' ? 'of' : 'the time of';
  return (
    `SQLite store ${workload.name.replace(/ \(.*\)$/, '')}: ${fullOurs} / ${normalOurs} (synchronous=FULL / NORMAL), ` +
    `${fullRatio} / ${normalRatio} ${share} raw better-sqlite3 (target ${target}: ${met.replace(/\*/g, '')})`
  );
}

function describeMethod({ sizes, repetitions }: Measurements, quick: boolean): string {
  const reduced =
    sizes.w1Events !== FULL_SIZES.w1Events
      ? ` **Sizes reduced for \`--quick\`:** W1 ${count(sizes.w1Events)} events over ${count(sizes.w1Streams)} streams, ` +
        `W2 ${sizes.w2Streams} x ${sizes.w2EventsPerStream}, W3 ${count(sizes.w3Events)} events (the issue's: 20,000 over 1,000, ` +
        '100 x 200, 10,000); not comparable with the issue’s numbers.'
      : '';
  return (
    'The issue’s four workloads on a SQLite file in WAL mode, at `synchronous=FULL` (every commit fsynced: the default) and ' +
    '`NORMAL`. **ours** is `SqliteEventStore` built as the app builds it: the DataSource from `typeOrmOptions` with a validated ' +
    'environment (migrations make the schema), then `createEventStore(dataSource, new SqliteWriteLock())`. **raw** is ' +
    'better-sqlite3 prepared statements on a file with the same schema (the same migrations) and pragmas: an append is one ' +
    '`BEGIN IMMEDIATE` transaction of `SELECT MAX(version)` and one `INSERT` per event, a read is a `SELECT` whose rows get ' +
    '`data` and `metadata` parsed in place; the practical limit. ' +
    `W1: ${count(sizes.w1Events)} single-event appends round-robin over ${count(sizes.w1Streams)} streams, each awaited, each ` +
    'with the correct expected version, then one stale append that must be rejected (it was, or there would be no table). ' +
    `W2: ${sizes.w2Streams} new streams x ${sizes.w2EventsPerStream} events, one append call per stream. W3: one ` +
    `${count(sizes.w3Events)}-event stream read start to end and folded, median of ${sizes.w3Reads} reads. W4: the whole W1 store ` +
    `read in global order in pages of ${count(sizes.w4PageSize)} and folded (it runs right after W1). Every read parses data and ` +
    'metadata and the fold touches both. Only the store calls (and the fold) are timed, not making the events. Each ' +
    `implementation, mode and repetition is a fresh process on a fresh file running all four; ${repetitions === 1 ? 'one repetition' : `medians of ${repetitions} repetitions`}, ` +
    `peak RSS the largest.${quick ? ' A `--quick` run: indicative only.' : ''}${reduced}`
  );
}

function describeRss({ rss }: Measurements, oursRss: number): string {
  const modules = rss.openedBytes - rss.harnessBytes;
  const work = oursRss - rss.openedBytes;
  return (
    `Where our process's ${megabytes(oursRss)} peak RSS comes from, measured in this run with processes that stop early: ` +
    `${megabytes(rss.harnessBytes)} is Node itself with the worker harness (compiled JavaScript, as production runs \`dist/\`), ` +
    `${megabytes(modules)} opening the store the app's way (TypeORM, Nest's common module, class-validator, the migrations run), ` +
    `and ${megabytes(work)} running the workloads (the data read, and garbage not yet collected).`
  );
}

/**
 * What profiling showed (`--cpu-prof` on the workers, self time summed by function) when the
 * targets were last missed, printed under the table for each one missed in this run.
 */
const BOTTLENECKS: Record<string, string> = {
  w1:
    'Profiled at NORMAL (self time after start-up), an append through our store took about 120 µs of samples against raw’s ' +
    '50 µs: about 18 µs more inside the transaction’s native calls (the group commit runs each append in a ' +
    '`SAVEPOINT`/`RELEASE` inside its `BEGIN`/`COMMIT`, even when the batch holds one append), about 27 µs more building and ' +
    'running the insert (`INSERT … RETURNING position` read back with `.all()`, a spread copy of each event, ' +
    '`flatMap(insertValues)`), and about 15 µs more in garbage collection, the write lock’s promise hops and the batch ' +
    'bookkeeping. At FULL the fsync of every commit adds the same cost to both, which narrows the gap. What would ' +
    'remove it: commit a batch of one append without a savepoint, insert with a prepared single-row `run()` and take the ' +
    'position from `lastInsertRowid`, and bind the parameters without intermediate copies.',
  w2:
    'Profiled, our 200-event append spends about 1.7x the samples of raw’s: the 200-row `INSERT … RETURNING position` called ' +
    'with 1,600 spread arguments and its rows mapped back (~35%), a spread copy of every event (~20%: about 5 µs each), ' +
    '`flatMap(insertValues)` (~20%), and the garbage collection they cause; raw binds each row straight into one prepared ' +
    'single-row INSERT (a multi-row INSERT measured no faster). What would remove it: insert each row with a prepared ' +
    'single-row `run()`, positions from `lastInsertRowid`, no intermediate copies.',
  w3:
    'Our read builds the full `StoredEvent` (nine fields and a `Date` for `occurredAt`) where raw keeps the four fields the fold ' +
    'needs; rows are already fetched as arrays (better-sqlite3’s raw mode). In-process CPU time of the same read was within ' +
    '1.3x of raw when profiled, so a miss here is most likely the shared machine’s noise: rerun.',
  w4:
    'Our scan builds the full `StoredEvent` (nine fields and a `Date`) where raw keeps the four fields the fold needs; rows are ' +
    'already fetched as arrays (better-sqlite3’s raw mode). In-process CPU time of the same scan was within 1.2x of raw when ' +
    'profiled, so a miss here is most likely the shared machine’s noise: rerun.',
  rss:
    'The workers run compiled JavaScript, as production runs `dist/`. When this was profiled, about 45 MB of ours was ' +
    'TypeORM, Nest’s common module and class-validator (which the app loads anyway) and the workloads added about the same ' +
    'to both sides (mostly V8’s young generation). What would lower it: opening the store without TypeORM’s DataSource.',
};
