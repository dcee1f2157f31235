import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startAppServer } from '../http/app-server';
import type { BenchContext } from '../support/suite';

const PAGE = 100;


async function pageAt(url: string, after: number): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/events?after=${after}&limit=${PAGE}`);
  const body = (await response.json()) as { items: unknown[] };
  const elapsed = performance.now() - started;
  if (!response.ok || body.items.length !== PAGE) throw new Error(`GET /events?after=${after} answered ${response.status} with ${body.items?.length} items`);
  return elapsed;
}

/**
 * Pages of the feed at random positions through the running service (`node dist/main.js` on the
 * seeded file), with its projections off, so that nothing else runs in it meanwhile.
 */
/** Milliseconds of each `GET /events?after=…&limit=100`, client-side, one request at a time. */
export async function measureFeed(context: BenchContext, file: string, head: number, pages: number): Promise<number[]> {
  const server = await startAppServer({ databaseUrl: `sqlite:${file}`, tmpDir: context.tmpDir, synchronous: 'FULL', nodeFlags: context.nodeFlags, env: { RUN_PROJECTIONS: 'false' } });
  try {
    const randomAfter = () => Math.floor(Math.random() * (head - PAGE));
    for (let i = 0; i < 20; i++) await pageAt(server.url, randomAfter()); // warms the JIT and the statements
    const times: number[] = [];
    for (let i = 0; i < pages; i++) times.push(await pageAt(server.url, randomAfter()));
    return times;
  } finally {
    await server.stop();
  }
}

export interface CatchUpResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Whether it reached the head, or the time budget ended first. */
  complete: boolean;
  head: number;
}

interface ProjectionState {
  name: string;
  position: number;
  headPosition: number;
  status: string;
}

async function counterViews(url: string): Promise<ProjectionState> {
  const states = (await (await fetch(`${url}/projections`)).json()) as ProjectionState[];
  const state = states.find((s) => s.name === 'counter_views');
  if (!state) throw new Error('GET /projections lists no counter_views');
  return state;
}

/**
 * The service started on the seeded file, whose counter_views has never been projected: from the
 * first position `GET /projections` shows once it serves HTTP to the head (or for `budgetMs` at
 * most), polled every 250 ms.
 */
export async function measureCatchUp(context: BenchContext, file: string, budgetMs: number): Promise<CatchUpResult> {
  const server = await startAppServer({ databaseUrl: `sqlite:${file}`, tmpDir: context.tmpDir, synchronous: 'FULL', nodeFlags: context.nodeFlags });
  try {
    const first = await counterViews(server.url);
    const started = performance.now();
    const deadline = started + budgetMs;
    let state = first;
    const complete = () => state.position >= state.headPosition && state.status === 'running';
    while (!complete() && performance.now() < deadline) {
      if (state.status === 'failing') throw new Error('counter_views failed while catching up');
      await sleep(250);
      state = await counterViews(server.url);
    }
    const seconds = (performance.now() - started) / 1000;
    const events = state.position - first.position;
    return { events, seconds, eventsPerSecond: events / seconds, complete: complete(), head: state.headPosition };
  } finally {
    await server.stop();
  }
}
