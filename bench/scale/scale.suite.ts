import Database from 'better-sqlite3';
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteDataSource } from '../store/our-sqlite-store';
import { runWorker } from '../support/child';
import { count, median } from '../support/stats';
import type { BenchContext, BenchSection, BenchSuite } from '../support/suite';
import { measureCatchUp, measureFeed } from './feed-and-catch-up';
import { CHUNK_EVENTS, STREAMS_PER_CHUNK } from './layout';
import { scaleReport, type AtSize } from './scale-report';
import type { SeedArgs } from './seed.worker';
import type { Place, ScaleStoreArgs, ScaleStoreResult } from './store.worker';

interface Plan {
  sizes: number[];
  rounds: number;
  /** Per round and size. */
  appends: number;
  readsPerPlace: number;
  pages: number;
  catchUpBudgetMs: number;
}

const FULL: Plan = { sizes: [10_000, 1_000_000, 5_000_000], rounds: 3, appends: 1_000, readsPerPlace: 10, pages: 100, catchUpBudgetMs: 240_000 };
const QUICK: Plan = { sizes: [10_000, 100_000, 500_000], rounds: 1, appends: 300, readsPerPlace: 10, pages: 40, catchUpBudgetMs: 10_000 };

/** What one size gathers over the rounds. */
interface Gathered {
  size: number;
  file: string;
  bytes: number;
  appendsFull: number[];
  appendsNormal: number[];
  readMs: Record<Place, number[]>;
  readCpuMs: number[];
  feedMs: number[];
}

const fileOf = (context: BenchContext, size: number) => join(context.tmpDir, `scale-${size}.db`);

function headOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT MAX(position) AS p FROM events').get() as { p: number }).p;
  } finally {
    db.close();
  }
}

/** Fails the run unless the view holds one row per seeded counter. */
function checkView(file: string, counters: number): void {
  const db = new Database(file, { readonly: true });
  try {
    const { rows } = db.prepare('SELECT COUNT(*) AS rows FROM counter_views').get() as { rows: number };
    if (rows !== counters) throw new Error(`counter_views has ${rows} rows after catching up, expected ${counters}`);
  } finally {
    db.close();
  }
}

/** One file per size, each a copy of the one before grown by untimed seeding (the schema from the app's own migrations). */
async function seedAll(context: BenchContext, plan: Plan): Promise<{ gathered: Gathered[]; seedSeconds: number }> {
  let seedSeconds = 0;
  const gathered: Gathered[] = [];
  let previous: Gathered | undefined;
  for (const size of plan.sizes) {
    const file = fileOf(context, size);
    if (previous) copyFileSync(previous.file, file);
    else await (await openSqliteDataSource(file, 'FULL')).destroy();
    context.log(`scale: seeding up to ${count(size)} events`);
    const seed = await runWorker<SeedArgs, { seconds: number }>('scale/seed.worker.ts', { file, from: previous?.size ?? 0, to: size });
    seedSeconds += seed.result.seconds;
    const bytes = statSync(file).size; // the seeding checkpointed and truncated the WAL
    previous = { size, file, bytes, appendsFull: [], appendsNormal: [], readMs: { early: [], random: [], late: [] }, readCpuMs: [], feedMs: [] };
    gathered.push(previous);
  }
  return { gathered, seedSeconds };
}

async function measureRound(context: BenchContext, plan: Plan, at: Gathered): Promise<void> {
  const args: ScaleStoreArgs = { file: at.file, seeded: at.size, appends: plan.appends, readsPerPlace: plan.readsPerPlace };
  const { result } = await runWorker<ScaleStoreArgs, ScaleStoreResult>('scale/store.worker.ts', args, context.nodeFlags);
  at.appendsFull.push(result.appendsPerSecond.FULL);
  at.appendsNormal.push(result.appendsPerSecond.NORMAL);
  for (const place of Object.keys(at.readMs) as Place[]) at.readMs[place].push(...result.readMs[place]);
  at.readCpuMs.push(result.readCpuMs);
  at.feedMs.push(...(await measureFeed(context, at.file, headOf(at.file), plan.pages)));
}

function summarize(at: Gathered): AtSize {
  const byPlace = Object.fromEntries(Object.entries(at.readMs).map(([place, times]) => [place, median(times)])) as Record<Place, number>;
  return {
    size: at.size,
    bytes: at.bytes,
    appendsFull: median(at.appendsFull),
    appendsNormal: median(at.appendsNormal),
    streamReadMs: median(Object.values(at.readMs).flat()),
    streamReadCpuMs: median(at.readCpuMs),
    byPlace,
    feedPageMs: median(at.feedMs),
  };
}

/**
 * Each round measures every size in turn (sizes take turns, so a noisy minute on the shared
 * machine hits them alike); then the largest store is projected from scratch by the service.
 */
async function run(context: BenchContext): Promise<BenchSection> {
  const plan = context.quick ? QUICK : FULL;
  try {
    const { gathered, seedSeconds } = await seedAll(context, plan);
    for (let round = 1; round <= plan.rounds; round++) {
      for (const at of gathered) {
        context.log(`scale: round ${round}/${plan.rounds}, ${count(at.size)} events: W1 (FULL, NORMAL), stream reads, GET /events pages`);
        await measureRound(context, plan, at);
      }
    }
    const largest = gathered[gathered.length - 1];
    context.log(`scale: a fresh counter_views catching up over ${count(largest.size)} events (at most ${plan.catchUpBudgetMs / 1000} s)`);
    const catchUp = await measureCatchUp(context, largest.file, plan.catchUpBudgetMs);
    if (catchUp.complete) checkView(largest.file, (largest.size / CHUNK_EVENTS) * STREAMS_PER_CHUNK);
    return scaleReport({ atSizes: gathered.map(summarize), seedSeconds, catchUp, rounds: plan.rounds }, context.quick);
  } finally {
    for (const size of plan.sizes) for (const suffix of ['', '-wal', '-shm']) rmSync(fileOf(context, size) + suffix, { force: true });
  }
}

export const scaleSuite: BenchSuite = { name: 'scale', run };
