import { table } from '../support/markdown';
import { count, millis, percentOf } from '../support/stats';
import { BARE_GET, READ_COUNTER } from './endpoints';
import { cpuPerRequest, describeErrors, hasErrors } from './load';
import { MAX_COUNTERS, Measured, outcomeOf, Probe } from './measure-on-server';

/** Workload 4: reading a counter (from its projection) against the bare GET, at 10 and 100 connections (--quick: 100). */
export function readProbes(quick: boolean): Probe[] {
  return (quick ? [100] : [10, 100]).flatMap((connections) => [
    { endpoint: READ_COUNTER, counters: MAX_COUNTERS, connections },
    { endpoint: BARE_GET, counters: 1, connections },
  ]);
}

export function describeReadPath(measured: Measured[]): { markdown: string; headlines: string[] } {
  const connectionLevels = [...new Set(measured.filter((m) => m.endpoint === READ_COUNTER).map((m) => m.connections))].sort((a, b) => a - b);
  const rows = connectionLevels.map((connections) => {
    const ours = outcomeOf(measured, READ_COUNTER, MAX_COUNTERS, connections)!;
    const bare = outcomeOf(measured, BARE_GET, 1, connections)!;
    return [
      connections,
      count(ours.requestsPerSecond),
      millis(ours.p50Ms),
      millis(ours.p99Ms),
      cpuPerRequest(ours),
      count(bare.requestsPerSecond),
      millis(bare.p99Ms),
      cpuPerRequest(bare),
      percentOf(ours.requestsPerSecond, bare.requestsPerSecond),
      `${describeErrors(ours)} / ${describeErrors(bare)}`,
    ];
  });
  const markdown = [
    `\`GET /counters/:id\` over ${count(MAX_COUNTERS)} counters (read from the counter_views projection) against the bare \`GET /bench/bare\`. The issue sets no target here; the ratio is the cost of the query, its database read and its JSON.`,
    '',
    table(
      ['connections', 'ours req/s', 'ours p50', 'ours p99', 'ours CPU / request', 'bare req/s', 'bare p99', 'bare CPU / request', 'ours / bare', 'non-2xx / errors (ours / bare)'],
      rows,
    ),
    ...(measured.some((m) => hasErrors(m.outcome)) ? ['', '**Warning: some runs answered errors; their numbers are not comparable.**'] : []),
  ].join('\n');
  const top = connectionLevels.at(-1);
  return { markdown, headlines: top === undefined ? [] : [headline(measured, top)] };
}

function headline(measured: Measured[], connections: number): string {
  const ours = outcomeOf(measured, READ_COUNTER, MAX_COUNTERS, connections)!;
  const bare = outcomeOf(measured, BARE_GET, 1, connections)!;
  return (
    `Reads over HTTP (${connections} connections): \`GET /counters/:id\` ${count(ours.requestsPerSecond)} requests/s = ` +
    `${percentOf(ours.requestsPerSecond, bare.requestsPerSecond)} of the bare endpoint, p99 ${millis(ours.p99Ms)} (bare ${millis(bare.p99Ms)})`
  );
}
