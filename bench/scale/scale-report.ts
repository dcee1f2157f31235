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
  /** What is shown at a size. */
  shown(at: AtSize): string;
  /** The cost of one operation (milliseconds), whose growth is the ratio. */
  cost(at: AtSize): number;
}

const MEASURES: Measure[] = [
  { name: 'W1 single append, synchronous=FULL (events/s)', shown: (at) => count(at.appendsFull), cost: (at) => 1000 / at.appendsFull },
  { name: 'W1 single append, synchronous=NORMAL (events/s)', shown: (at) => count(at.appendsNormal), cost: (at) => 1000 / at.appendsNormal },
  { name: '100-event stream read (median)', shown: (at) => millis(at.streamReadMs), cost: (at) => at.streamReadMs },
  { name: '`GET /events` page of 100 (median)', shown: (at) => millis(at.feedPageMs), cost: (at) => at.feedPageMs },
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
    'the right version (read first, untimed, as a command loads its aggregate first); **stream read**, one counter\'s whole ' +
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
  const worst = Math.max(...MEASURES.map((m) => ratio(m, largest, smallest)));
  const headline =
    `Scale: from ${count(smallest.size)} to ${count(largest.size)} events the cost of an append, a stream read and a feed page grows ` +
    `at most ${worst.toFixed(2)}x (target ≤ ${TARGET_RATIO}x: ${worst <= TARGET_RATIO ? 'met' : 'missed'}); ${megabytes(bytesPerMillion)} per million events; ` +
    `a fresh projection catches up at ${count(catchUp.eventsPerSecond)} events/s`;
  return { title: 'Scale: the store from 10,000 to 5,000,000 events', markdown, headlines: [headline] };
}

const LIMITS = ['**What limits these numbers.** TODO'].join('\n');
