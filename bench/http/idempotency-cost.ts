import { table } from '../support/markdown';
import { count, millis, percentOf, verdict } from '../support/stats';
import { INCREMENT, INCREMENT_WITH_KEY } from './endpoints';
import { cpuPerRequest, describeErrors, hasErrors } from './load';
import { MAX_COUNTERS, Measured, outcomeOf, Probe } from './measure-on-server';

const RATIO_TARGET = 0.8;
const CONNECTIONS = [10, 100];

/** Increments over 1,000 counters, each with a new Idempotency-Key, at 10 and 100 connections (against the same without a key). */
export function idempotencyProbes(): Probe[] {
  return CONNECTIONS.map((connections) => ({ endpoint: INCREMENT_WITH_KEY, counters: MAX_COUNTERS, connections }));
}

/** The cost of the key: increments with a new key per request against the same without, measured on one server. */
export function describeIdempotencyCost(measured: Measured[]): { markdown: string; headlines: string[] } {
  const pairs = CONNECTIONS.flatMap((connections) => {
    const withKey = outcomeOf(measured, INCREMENT_WITH_KEY, MAX_COUNTERS, connections);
    const without = outcomeOf(measured, INCREMENT, MAX_COUNTERS, connections);
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
      ? `${verdict(withKey.requestsPerSecond >= RATIO_TARGET * without.requestsPerSecond)} (**${describeErrors(withKey)}**)`
      : verdict(withKey.requestsPerSecond >= RATIO_TARGET * without.requestsPerSecond),
  ]);
  const markdown = [
    `\`POST /counters/:id/increment\` over ${count(MAX_COUNTERS)} counters, every request with a new \`Idempotency-Key\` (so each ` +
      'is executed: a lookup of the key, then its answer written in the transaction of its event), against the same requests ' +
      'without a key, on the same server in the same run.',
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
