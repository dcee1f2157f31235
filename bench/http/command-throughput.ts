import { table } from '../support/markdown';
import { count, millis, percentOf, verdict } from '../support/stats';
import type { BenchContext } from '../support/suite';
import { BARE_POST, CRUD_INCREMENT, INCREMENT } from './endpoints';
import { incrementsVsBare } from './increments-vs-bare';
import { hasErrors, LoadOutcome, outcomeCells } from './load';
import { MAX_COUNTERS, Measured, measureOnServer, outcomeOf, Probe } from './measure-on-server';

const RATIO_TARGET = 0.7;
const P99_TARGET_MS = 50;

export interface CommandThroughputOptions {
  /** A PostgreSQL URL (a database the app may migrate); absent: a fresh SQLite file. */
  databaseUrl?: string;
  /** Names the database setting in the tables and headlines, e.g. "SQLite, synchronous=FULL". */
  label: string;
  /** SQLite only; FULL unless said otherwise. */
  synchronous?: 'FULL' | 'NORMAL';
}

/**
 * Workload 1: ours and the CRUD baseline at 1, 10 and 100 connections over 1 and 1,000 counters,
 * and the bare endpoint at each connection count (--quick: 10 and 100 connections over 1,000
 * counters, the bare endpoint at 100 only).
 */
export function commandProbes(quick: boolean): Probe[] {
  const connections = quick ? [10, 100] : [1, 10, 100];
  const spreads = quick ? [MAX_COUNTERS] : [1, MAX_COUNTERS];
  return [
    ...spreads.flatMap((counters) => connections.flatMap((c) => [INCREMENT, CRUD_INCREMENT].map((endpoint) => ({ endpoint, counters, connections: c })))),
    ...(quick ? [100] : connections).map((c) => ({ endpoint: BARE_POST, counters: 1, connections: c })),
  ];
}

/** Workload 1 on its own server: what the PostgreSQL suite reuses. */
export async function measureCommandThroughput(
  context: BenchContext,
  options: CommandThroughputOptions,
): Promise<{ markdown: string; headlines: string[] }> {
  const { measured } = await measureOnServer(context, { databaseUrl: options.databaseUrl, synchronous: options.synchronous ?? 'FULL' }, commandProbes(context.quick));
  return describeCommandThroughput(options.label, measured);
}

/** The measurements, then each target with its verdict (`againstBare`: issue 15's SQLite targets too). */
export function describeCommandThroughput(label: string, measured: Measured[], againstBare = false): { markdown: string; headlines: string[] } {
  const commands = measured.filter((m) => [INCREMENT, CRUD_INCREMENT, BARE_POST].includes(m.endpoint));
  const targets = targetRows(commands);
  const flagged = commands.filter((m) => hasErrors(m.outcome));
  const markdown = [
    `**${label}**: every request is answered only once its write is committed. "Server CPU / request" is the app ` +
      "process's user + system time per answer (on PostgreSQL, the database server's own time is not in it).",
    '',
    measurementTable(commands),
    '',
    table(['target', 'ours', 'CRUD', 'ours / CRUD', 'target', 'verdict'], targets),
    ...(againstBare ? incrementsVsBare(commands) : []),
    ...closedLoopNote(commands),
    ...(flagged.length > 0
      ? ['', `**Warning: ${flagged.length} run(s) answered errors (see the last column above); their numbers are not comparable.**`]
      : []),
  ].join('\n');
  return { markdown, headlines: headlines(label, commands) };
}

/**
 * Why p99 at 100 connections follows from throughput: autocannon is a closed loop, each connection
 * sending its next request when the last is answered, so mean latency = connections / throughput.
 */
function closedLoopNote(measured: Measured[]): string[] {
  const ours = outcomeOf(measured, INCREMENT, MAX_COUNTERS, 100) ?? outcomeOf(measured, INCREMENT, 1, 100);
  const bare = outcomeOf(measured, BARE_POST, 1, 100);
  if (!ours || !bare || ours.p99Ms < P99_TARGET_MS) return [];
  const needed = (100 * 1000) / P99_TARGET_MS;
  return [
    '',
    `At 100 connections the load is a closed loop (each connection sends its next request when the last is answered), so ` +
      `the mean latency is 100 / throughput (Little's law): ours answered ${count(ours.requestsPerSecond)} requests/s, a mean of ` +
      `${millis((100 * 1000) / ours.requestsPerSecond)}. A p99 under ${P99_TARGET_MS} ms needs a mean under ${P99_TARGET_MS} ms, that is more than ` +
      `${count(needed)} requests/s; the bare endpoint, which does no I/O at all, answered ${count(bare.requestsPerSecond)} requests/s ` +
      `with a p99 of ${millis(bare.p99Ms)}. The p99 target at 100 connections is a throughput target in disguise: see the CPU per request.`,
  ];
}

function measurementTable(measured: Measured[]): string {
  const rows = [...measured]
    .sort((a, b) => a.counters - b.counters || a.connections - b.connections)
    .map(({ endpoint, counters, connections, outcome }) => [
      endpoint.label,
      endpoint === BARE_POST ? '—' : count(counters),
      connections,
      ...outcomeCells(outcome),
    ]);
  return table(['endpoint', 'counters', 'connections', 'requests/s', 'p50', 'p99', 'server CPU / request', 'non-2xx / errors'], rows);
}

function targetRows(measured: Measured[]): (string | number)[][] {
  const rows: (string | number)[][] = [];
  const spreads = [...new Set(measured.filter((m) => m.endpoint === INCREMENT).map((m) => m.counters))].sort((a, b) => a - b);
  for (const counters of spreads) {
    for (const connections of [10, 100]) {
      const ours = outcomeOf(measured, INCREMENT, counters, connections);
      const crud = outcomeOf(measured, CRUD_INCREMENT, counters, connections);
      if (!ours || !crud) continue;
      const met = ours.requestsPerSecond >= RATIO_TARGET * crud.requestsPerSecond;
      rows.push([
        `requests/s, ${spreadLabel(counters)}, ${connections} connections`,
        count(ours.requestsPerSecond),
        count(crud.requestsPerSecond),
        percentOf(ours.requestsPerSecond, crud.requestsPerSecond),
        `≥ ${RATIO_TARGET * 100}%`,
        judged(met, ours, crud),
      ]);
    }
    const ours = outcomeOf(measured, INCREMENT, counters, 100);
    const crud = outcomeOf(measured, CRUD_INCREMENT, counters, 100);
    if (ours && crud) {
      rows.push([`p99, ${spreadLabel(counters)}, 100 connections`, millis(ours.p99Ms), millis(crud.p99Ms), '—', `< ${P99_TARGET_MS} ms`, judged(ours.p99Ms < P99_TARGET_MS, ours)]);
    }
  }
  return rows;
}

/** A verdict is only as good as its runs: one that answered errors is flagged, whatever the numbers. */
function judged(met: boolean, ...outcomes: LoadOutcome[]): string {
  return outcomes.some(hasErrors) ? `${verdict(met)} (**runs had errors**)` : verdict(met);
}

function spreadLabel(counters: number): string {
  return counters === 1 ? '1 counter' : `${count(counters)} counters`;
}

function headlines(label: string, measured: Measured[]): string[] {
  return [10, 100].flatMap((connections) => {
    const ours = outcomeOf(measured, INCREMENT, MAX_COUNTERS, connections);
    const crud = outcomeOf(measured, CRUD_INCREMENT, MAX_COUNTERS, connections);
    if (!ours || !crud) return [];
    const errors = hasErrors(ours) || hasErrors(crud) ? ' (runs had errors)' : '';
    return [
      `Commands over HTTP (${label}, ${connections} connections, 1,000 counters): ${count(ours.requestsPerSecond)} requests/s = ` +
        `${percentOf(ours.requestsPerSecond, crud.requestsPerSecond)} of plain TypeORM CRUD (target ≥ 70%), p99 ${millis(ours.p99Ms)} ` +
        `(CRUD ${millis(crud.p99Ms)})${errors}`,
    ];
  });
}
