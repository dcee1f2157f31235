import { count, percentOf, timesOf, verdict } from '../support/stats';
import { cpuPerRequest, hasErrors, LoadOutcome } from './load';

/** A route and the bare endpoint measured at one number of connections, on the same server. */
export interface AgainstBare {
  connections: number;
  ours: LoadOutcome;
  bare: LoadOutcome;
}

/** The least share of bare's requests/s, and the most times bare's CPU per request, a route may take. */
export interface BareTargets {
  throughput: number;
  cpu: number;
}

/** Target rows (throughput, then CPU per request when known) of a route against the bare endpoint, with verdicts. */
export function againstBareRows({ connections, ours, bare }: AgainstBare, targets: BareTargets): string[][] {
  const unmeasured = !(ours.requestsPerSecond > 0 && bare.requestsPerSecond > 0);
  const judged = (met: boolean) => (unmeasured ? '**not measured**' : hasErrors(ours) || hasErrors(bare) ? `${verdict(met)} (**runs had errors**)` : verdict(met));
  const rows = [
    [
      `requests/s, ${connections} connections`,
      count(ours.requestsPerSecond),
      count(bare.requestsPerSecond),
      percentOf(ours.requestsPerSecond, bare.requestsPerSecond),
      `≥ ${targets.throughput * 100}%`,
      judged(ours.requestsPerSecond >= targets.throughput * bare.requestsPerSecond),
    ],
  ];
  const oursCpu = ours.serverCpuMsPerRequest;
  const bareCpu = bare.serverCpuMsPerRequest;
  if (oursCpu !== undefined && bareCpu !== undefined) {
    rows.push([
      `server CPU / request, ${connections} connections`,
      cpuPerRequest(ours),
      cpuPerRequest(bare),
      timesOf(oursCpu, bareCpu),
      `≤ ${targets.cpu}x`,
      judged(oursCpu <= targets.cpu * bareCpu),
    ]);
  }
  return rows;
}
