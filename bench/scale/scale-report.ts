import { table } from '../support/markdown';
import { count, megabytes, millis, verdict } from '../support/stats';
import type { BenchSection } from '../support/suite';
import type { CatchUpResult } from './feed-and-catch-up';
import type { Place } from './store.worker';

/** One size's results, medians over every round. */
export interface AtSize {
  size: number;
  /** The database file once seeded to `size`. */
  bytes: number;
  /** W1, events/s. */
  appendsFull: number;
  appendsNormal: number;
  /** Milliseconds. */
  streamReadMs: number;
  streamReadCpuMs: number;
  byPlace: Record<Place, number>;
  feedPageMs: number;
}

export interface ScaleMeasurements {
  atSizes: AtSize[];
  seedSeconds: number;
  catchUp: CatchUpResult;
  rounds: number;
}

const TARGET_RATIO = 1.5;

interface Measure {
  name: string;
  /** For the headline. */
  short: string;
  /** What is shown at a size. */
  shown(at: AtSize): string;
  /** The cost of one operation (milliseconds), whose growth is the ratio. */
  cost(at: AtSize): number;
}

const MEASURES: Measure[] = [
  { name: 'W1 single append, synchronous=FULL (events/s)', short: 'append FULL', shown: (at) => count(at.appendsFull), cost: (at) => 1000 / at.appendsFull },
  { name: 'W1 single append, synchronous=NORMAL (events/s)', short: 'append NORMAL', shown: (at) => count(at.appendsNormal), cost: (at) => 1000 / at.appendsNormal },
  { name: '100-event stream read (median)', short: 'stream read', shown: (at) => millis(at.streamReadMs), cost: (at) => at.streamReadMs },
  { name: '100-event stream read, CPU per read', short: 'its CPU', shown: (at) => millis(at.streamReadCpuMs), cost: (at) => at.streamReadCpuMs },
  { name: '`GET /events` page of 100 (median)', short: 'feed page', shown: (at) => millis(at.feedPageMs), cost: (at) => at.feedPageMs },
];

const ratio = (m: Measure, at: AtSize, smallest: AtSize) => m.cost(at) / m.cost(smallest);

function rows(atSizes: AtSize[]): (string | number)[][] {
  const smallest = atSizes[0];
  const largest = atSizes[atSizes.length - 1];
  return MEASURES.flatMap((m) =>
    atSizes.map((at, i) => {
      const last = at === largest;
      const r = ratio(m, at, smallest);
      const step = i === 0 ? '' : `${ratio(m, at, atSizes[i - 1]).toFixed(2)}x`;
      return [m.name, count(at.size), m.shown(at), `${r.toFixed(2)}x`, step, last ? `≤ ${TARGET_RATIO}x` : '', last ? verdict(r <= TARGET_RATIO) : ''];
    }),
  );
}

function placesTable(atSizes: AtSize[]): string {
  return table(
    ['events in the store', 'early stream', 'random stream', 'late stream'],
    atSizes.map((at) => [count(at.size), millis(at.byPlace.early), millis(at.byPlace.random), millis(at.byPlace.late)]),
  );
}

function describeCatchUp(c: CatchUpResult): string {
  const span = c.complete ? `${count(c.events)} events to the head in ${c.seconds.toFixed(0)} s` : `the first ${count(c.events)} of ${count(c.head)} events in its ${c.seconds.toFixed(0)} s budget`;
  return `${count(c.eventsPerSecond)} (${span})`;
}

function method(sizes: string, quick: boolean, seedSeconds: number, rounds: number): string {
  return (
    `The store at ${sizes} events${quick ? ' (`--quick`: the full run uses 10,000, 1,000,000 and 5,000,000)' : ''}, one SQLite file per ` +
    "size (WAL, the app's pragmas), each made by the app's migrations and seeded untimed with raw better-sqlite3 inserts in " +
    `transactions of 50,000 (${seedSeconds.toFixed(0)} s in all): counter events as the app writes them (CounterCreated, then ` +
    'CounterIncremented v2 and CounterDecremented; data and metadata JSON with event, command and actor ids), 100 counters at ' +
    'a time interleaved round-robin in chunks of 10,000 events, so every counter has 100 events spread over 10,000 positions. ' +
    `In each of ${rounds} round${rounds > 1 ? 's' : ''}, every size in turn, in fresh processes: **W1** through \`SqliteEventStore\` built as the ` +
    'app builds it, single-event appends each awaited, to 500 existing counters drawn at random from the whole log, each expecting ' +
    'the right version (read first, untimed, as a command loads its aggregate first), at synchronous=FULL, then NORMAL in ' +
    'the same process (the pragma switched on its one connection); **stream read**, one counter\'s whole ' +
    'stream through the same store (100 events, data and metadata parsed), counters taken in turn from the first chunk, the last ' +
    'one and anywhere; **feed page**, the built service (`node dist/main.js`, projections off so that nothing else runs in it) ' +
    'on the same file, `GET /events?after=<random position>&limit=100`, one request at a time from the bench process, ' +
    'client-side latency after 20 warm-up pages. Medians over the rounds; the ratio is the cost of one operation at a size over ' +
    'its cost at the smallest.'
  );
}

export function scaleReport({ atSizes, seedSeconds, catchUp, rounds }: ScaleMeasurements, quick: boolean): BenchSection {
  const smallest = atSizes[0];
  const largest = atSizes[atSizes.length - 1];
  const bytesPerMillion = (largest.bytes / largest.size) * 1_000_000;
  const markdown = [
    method(atSizes.map((at) => count(at.size)).join(', '), quick, seedSeconds, rounds),
    '',
    table(['measure', 'events in the store', 'value', 'cost / cost at the smallest', 'cost / cost at the size before', 'target', ''], rows(atSizes)),
    '',
    'Stream reads by where the counter lies in the log (medians):',
    '',
    placesTable(atSizes),
    '',
    table(
      ['', `at ${count(largest.size)} events`],
      [
        ['database file size per million events', megabytes(bytesPerMillion)],
        ['a fresh counter_views catching up (events/s)', describeCatchUp(catchUp)],
      ],
    ),
    '',
    'The catch-up is the service as deployed (`node dist/main.js`, projections on) started on the largest seeded file, whose ' +
      "counter_views has never been projected: the rate from the position `GET /projections` shows once the service answers " +
      'HTTP, polled every 250 ms, until the head (then the view was checked to hold one row per counter) or the end of the ' +
      "time budget. It is the projection runner's catch-up over a counters-only log where 100 counters interleave (a batch of " +
      '500 events touches 100 rows); the rebuild section measures the same path on its own logs.',
    '',
    LIMITS,
  ].join('\n');
  const ratios = MEASURES.map((m) => `${m.short} ${ratio(m, largest, smallest).toFixed(2)}x`).join(', ');
  const headline =
    `Scale, cost at ${count(largest.size)} events / at ${count(smallest.size)} (target ≤ ${TARGET_RATIO}x): ${ratios}; ` +
    `${megabytes(bytesPerMillion)} per million events; a fresh projection catches up at ${count(catchUp.eventsPerSecond)} events/s`;
  return { title: 'Scale: the store from 10,000 to 5,000,000 events', markdown, headlines: [headline] };
}

// Found with EXPLAIN QUERY PLAN, dbstat and per-read CPU time on seeded files while writing this suite.
const LIMITS = [
  '**What limits these numbers.** Every query on these paths is an index search, never a scan: an append reads ' +
    '`MAX(version)` through the `(stream_id, version)` unique index and inserts at the end of the rowid table; a stream read ' +
    'is a range of that index; a feed page is `position > ? ORDER BY position LIMIT ?` on the rowid plus `MAX(position)` ' +
    '(both O(log n); no OFFSET, no COUNT). So no index was missing, and none was added. What grows with the size is where ' +
    'the touched pages live:',
  '',
  "- **Stream read.** A counter's 100 events lie 100 positions apart, so each is on its own 4 KiB table page (about 9 events " +
    "fit on one). At 10,000 events the whole file (~4.5 MB) sits in SQLite's default 2 MB page cache and the CPU's caches; " +
    'from 100,000 on, every event of a read is a page fetched from the OS page cache (a `pread` and the page\'s decoding): ' +
    'a step from the smallest size to the next, then flat (see the column against the size before; the B-tree grows one ' +
    'level). No disk reads happen (the files are in the OS cache): ~0.5 ms of CPU per read at 10,000 events against ' +
    '~1.1 ms at 500,000 in a probe, the ratio of the CPU row above; the elapsed time grows more on a loaded machine, ' +
    'whose scheduler preempts a longer read more often. What would remove the step: ' +
    "`mmap_size` (measured: the read's system time 0.40 → 0.12 ms at " +
    "500,000 events; the price is that the file's touched pages count in the process's RSS, which the memory targets of " +
    'issue 16 measure), a larger `cache_size` (memory again), or fewer events per read: an aggregate is loaded from its ' +
    'latest snapshot, so commands read a few events, not 100. Clustering events by stream would make every append pay.',
  '- **W1 at synchronous=FULL** is one WAL fsync per append: on this shared machine, with other processes fsyncing, that ' +
    'is milliseconds and it dominates. The size enters through the `(stream_id, version)` leaf each append to an old counter ' +
    'dirties at a random place in the index: the WAL checkpoint (every 1,000 pages) writes back as many distinct pages as ' +
    "appends touched, and fsyncs the file, where a small store's appends keep dirtying the same few pages. **NORMAL** has no " +
    "fsync per commit, and shows the append's own CPU, which does not grow.",
  '- **Feed page**: its two queries cost ~0.4 ms of CPU at 10,000 events and ~0.5 ms at 500,000 (100 contiguous rows, ' +
    '~11 pages); the rest of the latency is the HTTP path, upcasting and the JSON of 100 events (issue 16). A `?type=` ' +
    'filter goes through the `(type, position)` index.',
  '- **File size**: a row is ~370 bytes (metadata JSON ~200 bytes: event, command and causation ids and the actor; data ' +
    '~60 bytes; the ISO time 24), the `(stream_id, version)` index ~55 bytes per event and the `(type, position)` index ' +
    '~35 bytes (measured with `dbstat` at 500,000 events).',
  '- **Catch-up** reads the log 500 events at a time by position (flat) and is limited by the projection writes: see the ' +
    'rebuild section.',
].join('\n');
