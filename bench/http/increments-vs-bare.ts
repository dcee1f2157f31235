import { table } from '../support/markdown';
import { againstBareRows } from './against-bare';
import { BARE_POST, INCREMENT } from './endpoints';
import { MAX_COUNTERS, Measured, outcomeOf } from './measure-on-server';

/** Issue 15: increments over 1,000 counters against the framework's own limit, by connections. */
const THROUGHPUT_TARGETS = new Map([
  [10, 0.7],
  [100, 0.6],
]);
const CPU_TARGET = 1.8;

/** Increments against the bare endpoint on the same server (throughput and CPU per request), with verdicts. */
export function incrementsVsBare(measured: Measured[]): string[] {
  const rows = [...THROUGHPUT_TARGETS].flatMap(([connections, throughput]) => {
    const ours = outcomeOf(measured, INCREMENT, MAX_COUNTERS, connections);
    const bare = outcomeOf(measured, BARE_POST, 1, connections);
    return ours && bare ? againstBareRows({ connections, ours, bare }, { throughput, cpu: CPU_TARGET }) : [];
  });
  if (rows.length === 0) return [];
  return ['', 'Against the bare endpoint (issue 15: increments over 1,000 counters):', '', table(['target', 'ours', 'bare', 'ours / bare', 'target', 'verdict'], rows)];
}
