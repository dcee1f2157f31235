import { median } from '../support/stats';
import type { LoadOutcome } from './load';

/**
 * Several runs of one cell as one: the median of each number (requests/s, latencies, CPU per
 * request), and every error of every run. On a shared machine a burst of other work can halve
 * one run; interleaved rounds and their median keep a ratio from hanging on it. A run that
 * measured nothing still flags the result (`neverMeasured`), so its verdict says so.
 */
export function medianOutcome(runs: LoadOutcome[]): LoadOutcome {
  // A run whose connections were never all answered measured nothing: its zeros are no sample.
  const measured = runs.filter((run) => !run.neverMeasured);
  const samples = measured.length > 0 ? measured : runs;
  const of = (pick: (run: LoadOutcome) => number) => median(samples.map(pick));
  const cpu = samples.map((run) => run.serverCpuMsPerRequest).filter((ms): ms is number => ms !== undefined);
  const statusCodes: Record<string, number> = {};
  for (const run of runs) for (const [code, n] of Object.entries(run.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  return {
    requestsPerSecond: of((run) => run.requestsPerSecond),
    p50Ms: of((run) => run.p50Ms),
    p99Ms: of((run) => run.p99Ms),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    neverMeasured: runs.some((run) => run.neverMeasured),
    statusCodes,
    serverCpuMsPerRequest: cpu.length === samples.length && measured.length > 0 ? median(cpu) : undefined,
  };
}
