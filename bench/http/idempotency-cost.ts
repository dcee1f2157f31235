import { table } from '../support/markdown';
import { count, millis, percentOf, verdict } from '../support/stats';
import { INCREMENT_PAIRED, INCREMENT_WITH_KEY } from './endpoints';
import type { Endpoint } from './endpoints';
import { cpuPerRequest, describeErrors, hasErrors, LoadOutcome } from './load';
import { MAX_COUNTERS, Measured, Probe } from './measure-on-server';

const RATIO_TARGET = 0.8;
const CONNECTIONS = [10, 100];

/**
 * Increments over 1,000 counters at 10 and 100 connections, twice without a key and twice each
 * with a new Idempotency-Key, in the order with, without, without, with: a drift of the machine
 * or the server (warming up, a growing database) then weighs on both sides alike.
 */
export function idempotencyProbes(): Probe[] {
  // First a run that is not counted, so that neither side pays for the server's warming up (JIT, caches).
  const warmUp = { endpoint: { ...INCREMENT_WITH_KEY, label: 'warm-up (not counted)' }, counters: MAX_COUNTERS, connections: 10 };
  return [
    warmUp,
    ...CONNECTIONS.flatMap((connections) =>
      [INCREMENT_WITH_KEY, INCREMENT_PAIRED, INCREMENT_PAIRED, INCREMENT_WITH_KEY].map((endpoint) => ({ endpoint, counters: MAX_COUNTERS, connections })),
    ),
  ];
}

/** The cost of the key: increments with a new key per request against the same without, measured on one server. */
export function describeIdempotencyCost(measured: Measured[]): { markdown: string; headlines: string[] } {
  const pairs = CONNECTIONS.flatMap((connections) => {
    const withKey = mergedOutcome(measured, INCREMENT_WITH_KEY, connections);
    const without = mergedOutcome(measured, INCREMENT_PAIRED, connections);
    return withKey && without ? [{ connections, withKey, without }] : [];
  });
  const rows = pairs.map(({ connections, withKey, without }) => [
    connections,
    count(without.requestsPerSecond),
    count(withKey.requestsPerSecond),
    percentOf(withKey.requestsPerSecond, without.requestsPerSecond),
    `${millis(without.p99Ms)} / ${millis(withKey.p99Ms)}`,
    `${cpuPerRequest(without)} / ${cpuPerRequest(withKey)}`,
    `≥ ${RATIO_TARGET * 100}%`,
    hasErrors(withKey) || hasErrors(without)
      ? `${verdict(withKey.requestsPerSecond >= RATIO_TARGET * without.requestsPerSecond)} (runs had errors: ${describeErrors(without)} / ${describeErrors(withKey)})`
      : verdict(withKey.requestsPerSecond >= RATIO_TARGET * without.requestsPerSecond),
  ]);
  const markdown = [
    `\`POST /counters/:id/increment\` over ${count(MAX_COUNTERS)} counters, every request with a new \`Idempotency-Key\` (so each ` +
      'is executed: a lookup of the key, then its answer written in the transaction of its event), against the same requests ' +
      'without a key, on the same server: after a warm-up run that is not counted, runs go with, without, without, with, and each side is the mean of its two ' +
      'runs (the worse p99), so that both meet the same load from the rest of the machine.',
    '',
    table(['connections', 'without key req/s', 'with key req/s', 'with / without', 'p99 without / with', 'server CPU / request without / with', 'target', 'verdict'], rows),
  ].join('\n');
  const headlines = pairs.map(
    ({ connections, withKey, without }) =>
      `Idempotency-Key on increments (${connections} connections, 1,000 counters): ${count(withKey.requestsPerSecond)} requests/s = ` +
      `${percentOf(withKey.requestsPerSecond, without.requestsPerSecond)} of the same without a key (target ≥ 80%)`,
  );
  return { markdown, headlines };
}

/** The two runs of one side of a pair: mean throughput and CPU, the worse p99, errors summed. */
function mergedOutcome(measured: Measured[], endpoint: Endpoint, connections: number): LoadOutcome | undefined {
  const runs = measured.filter((m) => m.endpoint === endpoint && m.counters === MAX_COUNTERS && m.connections === connections).map((m) => m.outcome);
  if (runs.length === 0) return undefined;
  const mean = (values: (number | undefined)[]) => (values.every((v) => v !== undefined) ? values.reduce((a, b) => a! + b!, 0)! / values.length : undefined);
  return {
    ...runs[0],
    requestsPerSecond: mean(runs.map((r) => r.requestsPerSecond))!,
    p99Ms: Math.max(...runs.map((r) => r.p99Ms)),
    serverCpuMsPerRequest: mean(runs.map((r) => r.serverCpuMsPerRequest)),
    statusCodes: runs.reduce<Record<string, number>>((all, r) => {
      for (const [code, n] of Object.entries(r.statusCodes)) all[code] = (all[code] ?? 0) + n;
      return all;
    }, {}),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    neverMeasured: runs.some((r) => r.neverMeasured),
  };
}
