import { resolve } from 'node:path';
import { runWorker } from '../support/child';
import { table } from '../support/markdown';
import { count, millis, timesOf, verdict } from '../support/stats';
import type { BenchContext, BenchSection, BenchSuite } from '../support/suite';
import type { LoadArgs, LoadResult } from './load.worker';
import type { SeedStreamsArgs, SeededStream } from './seed-streams.worker';

const SIZES = [10, 1_000, 100_000];
/** With snapshots, the 100,000-event load takes at most this many times the 10-event load. */
const TARGET = 2;

function repetitions(size: number, quick: boolean): number {
  if (size >= 100_000) return quick ? 3 : 5;
  return quick ? 10 : 20;
}

async function run(context: BenchContext): Promise<BenchSection> {
  const databaseUrl = `sqlite:${resolve(context.tmpDir, 'rehydration.db')}`;
  context.log(`rehydration: seeding streams of ${SIZES.map(count).join(', ')} events`);
  const { result: seeded } = await runWorker<SeedStreamsArgs, SeededStream[]>('rehydration/seed-streams.worker.ts', {
    databaseUrl,
    sizes: SIZES,
    batch: 1_000,
  });
  const streams = seeded.map(({ id, size, value }) => ({ id, size, value, repetitions: repetitions(size, context.quick) }));
  const medians = async (snapshotEvery: string) => {
    context.log(`rehydration: loading with SNAPSHOT_EVERY=${snapshotEvery}`);
    const args: LoadArgs = { databaseUrl, snapshotEvery, streams };
    return (await runWorker<LoadArgs, LoadResult>('rehydration/load.worker.ts', args, context.nodeFlags)).result.medians;
  };
  const replayed = await medians('0');
  const snapshotted = await medians('100');

  const last = SIZES.length - 1;
  const ratio = snapshotted[last] / snapshotted[0];
  const met = ratio <= TARGET;
  const rows = seeded.map((stream, i) => [
    count(stream.size),
    millis(replayed[i]),
    stream.snapshotVersion === null ? `${millis(snapshotted[i])} (no snapshot: below the policy)` : millis(snapshotted[i]),
    stream.snapshotVersion === null ? '—' : timesOf(replayed[i], snapshotted[i]),
  ]);
  const perThousand = (replayed[last] - replayed[0]) / ((SIZES[last] - SIZES[0]) / 1_000);
  const markdown = [
    'Median time of `CounterRepository.load(id)` in the real app (an application context of `AppModule` on a SQLite file), one ' +
      `Counter stream per size: ${repetitions(SIZES[last], context.quick)} timed loads of the 100,000-event stream after one ` +
      `warm-up, ${repetitions(SIZES[0], context.quick)} of the others after two. Each stream was appended through ` +
      '`EventStore.appendToStream` in calls of 1,000 events, except its last event: an increment saved through the repository, ' +
      'which took a snapshot where the policy (every 100 events, the default) asked for one. "Without snapshots" is a fresh ' +
      'process with `SNAPSHOT_EVERY=0` (every load replays the whole stream), "with snapshots" another one with the default.',
    '',
    table(['events', 'without snapshots', 'with snapshots', 'snapshot speed-up'], rows),
    '',
    table(
      ['with snapshots', 'ours', 'target', ''],
      [['100,000-event load / 10-event load', timesOf(snapshotted[last], snapshotted[0]), `≤ ${TARGET.toFixed(2)}x`, verdict(met)]],
    ),
    '',
    `With a snapshot, a load is one snapshot lookup (a TypeORM \`findOne\`) plus the events after the snapshot (none here, at ` +
      'most 99 between two snapshots), whatever the length of the stream. The 10-event stream has no snapshot, so its load is ' +
      'the same lookup, finding nothing, plus a 10-event read: the two cost about the same. Without snapshots the load grows ' +
      `linearly, ~${millis(perThousand)} per 1,000 events: the repository reads the whole stream into memory, parses every ` +
      'row, then folds it (in a profile taken while writing this bench, almost half of a 100,000-event replay was garbage ' +
      'collection of that stream-sized array). Snapshots are the remedy; reading the stream in pages would cut the GC share.',
    ...(met
      ? []
      : [
          '',
          'Missed: both loads are one lookup and one short read, so a miss is noise on a shared machine or a regression in ' +
            'the snapshot path; rerun with `--cpu-prof` and compare the two load workers\' profiles.',
        ]),
  ].join('\n');
  return {
    title: 'Rehydration (service workload 2)',
    markdown,
    headlines: [
      `Rehydration: a 100,000-event Counter loads in ${millis(snapshotted[last])} from its snapshot, ` +
        `${timesOf(snapshotted[last], snapshotted[0])} the 10-event load (target ≤ ${TARGET}x: ${met ? 'met' : 'missed'}); ` +
        `${millis(replayed[last])} when replayed in full.`,
    ],
  };
}

export const rehydrationSuite: BenchSuite = { name: 'rehydration', run };
