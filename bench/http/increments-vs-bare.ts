import { table } from '../support/markdown';
import { count, millis, percentOf, timesOf, verdict } from '../support/stats';
import { BARE_POST, INCREMENT } from './endpoints';
import { hasErrors } from './load';
import { MAX_COUNTERS, Measured, outcomeOf } from './measure-on-server';

/** Issue 15: increments over 1,000 counters against the framework's own limit, by connections. */
const THROUGHPUT_TARGETS = new Map([
  [10, 0.7],
  [100, 0.6],
]);
const CPU_TARGET = 1.8;

/** Increments against the bare endpoint on the same server (throughput and CPU per request), with verdicts. */
export function incrementsVsBare(measured: Measured[]): string[] {
  const rows = [...THROUGHPUT_TARGETS].flatMap(([connections, target]) => {
    const ours = outcomeOf(measured, INCREMENT, MAX_COUNTERS, connections);
    const bare = outcomeOf(measured, BARE_POST, 1, connections);
    if (!ours || !bare) return [];
    const flag = hasErrors(ours) || hasErrors(bare) ? ' (**runs had errors**)' : '';
    const rows: string[][] = [
      [
        `requests/s, ${connections} connections`,
        count(ours.requestsPerSecond),
        count(bare.requestsPerSecond),
        percentOf(ours.requestsPerSecond, bare.requestsPerSecond),
        `≥ ${target * 100}%`,
        verdict(ours.requestsPerSecond >= target * bare.requestsPerSecond) + flag,
      ],
    ];
    if (ours.serverCpuMsPerRequest !== undefined && bare.serverCpuMsPerRequest !== undefined) {
      rows.push([
        `server CPU / request, ${connections} connections`,
        millis(ours.serverCpuMsPerRequest),
        millis(bare.serverCpuMsPerRequest),
        timesOf(ours.serverCpuMsPerRequest, bare.serverCpuMsPerRequest),
        `≤ ${CPU_TARGET}x`,
        verdict(ours.serverCpuMsPerRequest <= CPU_TARGET * bare.serverCpuMsPerRequest) + flag,
      ]);
    }
    return rows;
  });
  if (rows.length === 0) return [];
  return ['', 'Against the bare endpoint (issue 15: increments over 1,000 counters):', '', table(['target', 'ours', 'bare', 'ours / bare', 'target', 'verdict'], rows)];
}
