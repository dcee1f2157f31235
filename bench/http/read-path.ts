import { table } from '../support/markdown';
import { count, millis, percentOf, timesOf } from '../support/stats';
import { BARE_GET, Endpoint, READ_COUNTER } from './endpoints';
import { cpuPerRequest, describeErrors, hasErrors, LoadOutcome } from './load';
import { AgainstBare, againstBareRows } from './against-bare';
import { MAX_COUNTERS, Measured, Probe } from './measure-on-server';
import { medianOutcome } from './median-outcome';

/** Issue 16: reads against the bare GET on the same server, in one run. */
const THROUGHPUT_TARGETS = new Map([
  [10, 0.8],
  [100, 0.85],
]);
const CPU_TARGET = 1.5;
const ROUNDS = 3;

/**
 * Workload 4: reading a counter (from its projection) against the bare GET, at 10 and 100
 * connections (--quick too: the targets name both), in interleaved rounds whose medians are compared.
 */
export function readProbes(): Probe[] {
  return Array.from({ length: ROUNDS }, () =>
    [...THROUGHPUT_TARGETS.keys()].flatMap((connections) => [
      { endpoint: READ_COUNTER, counters: MAX_COUNTERS, connections },
      { endpoint: BARE_GET, counters: 1, connections },
    ]),
  ).flat();
}

/** The median over the rounds of one probe. */
export function medianOf(measured: Measured[], endpoint: Endpoint, counters: number, connections: number): LoadOutcome | undefined {
  const runs = measured.filter((m) => m.endpoint === endpoint && m.counters === counters && m.connections === connections).map((m) => m.outcome);
  return runs.length > 0 ? medianOutcome(runs) : undefined;
}

export function describeReadPath(measured: Measured[]): { markdown: string; headlines: string[] } {
  const pairs = [...THROUGHPUT_TARGETS.keys()].flatMap((connections) => {
    const ours = medianOf(measured, READ_COUNTER, MAX_COUNTERS, connections);
    const bare = medianOf(measured, BARE_GET, 1, connections);
    return ours && bare ? [{ connections, ours, bare }] : [];
  });
  const rows = pairs.map(({ connections, ours, bare }) => [
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
  ]);
  const markdown = [
    `\`GET /counters/:id\` over ${count(MAX_COUNTERS)} counters (read from the counter_views projection) against the bare \`GET /bench/bare\` on the same server, in ${ROUNDS} interleaved rounds (the medians are shown; errors are summed over the rounds): both pass through the same global middleware (logging, metrics, tracing, helmet, guards), so the gap is what this route adds: its pipes, the query, the database read and the JSON.`,
    '',
    table(
      ['connections', 'ours req/s', 'ours p50', 'ours p99', 'ours CPU / request', 'bare req/s', 'bare p99', 'bare CPU / request', 'ours / bare', 'non-2xx / errors (ours / bare)'],
      rows,
    ),
    '',
    table(['target (issue 16)', 'ours', 'bare', 'ours / bare', 'target', 'verdict'], pairs.flatMap((pair) => againstBareRows(pair, { throughput: THROUGHPUT_TARGETS.get(pair.connections)!, cpu: CPU_TARGET }))),
    ...(pairs.some(({ ours, bare }) => hasErrors(ours) || hasErrors(bare)) ? ['', '**Warning: some runs answered errors; their numbers are not comparable.**'] : []),
  ].join('\n');
  return { markdown, headlines: pairs.map(headline) };
}

function headline({ connections, ours, bare }: AgainstBare): string {
  const cpu = ours.serverCpuMsPerRequest !== undefined && bare.serverCpuMsPerRequest !== undefined ? `, CPU / request ${timesOf(ours.serverCpuMsPerRequest, bare.serverCpuMsPerRequest)} bare's (target ≤ ${CPU_TARGET}x)` : '';
  return (
    `Reads over HTTP (${connections} connections): \`GET /counters/:id\` ${count(ours.requestsPerSecond)} requests/s = ` +
    `${percentOf(ours.requestsPerSecond, bare.requestsPerSecond)} of the bare endpoint (target ≥ ${THROUGHPUT_TARGETS.get(connections)! * 100}%)${cpu}, p99 ${millis(ours.p99Ms)} (bare ${millis(bare.p99Ms)})`
  );
}
