import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { runAsWorker } from '../support/child';
import type { LoadCell, LoadOutcome, LoadPlan } from './load';

// Every POST sends a small JSON body (`{}` unless the cell lists its own), so body parsing costs all endpoints alike.
const JSON_HEADERS = { 'content-type': 'application/json' };
// How long a run may wait for every connection's first answer before it gives up measuring.
const MAX_RAMP_SECONDS = 10;

/**
 * Counts what a run measures. The measurement starts after the warm-up, and not before every
 * connection has had its first answer: a busy Node server accepts one new connection per turn of
 * its event loop (libuv since 1.45), and a turn that serves 99 connections is long, so at 100
 * connections the last ones are answered seconds after the first. Until then fewer connections
 * are in play than the run claims, and those first answers had made the whole p99 of a short run.
 * From then on it measures for the cell's seconds. Statuses count over the whole run, so that a
 * failure in the warm-up is still reported.
 */
class Recorder {
  readonly statusCodes: Record<string, number> = {};
  readonly latencies: number[] = [];
  responses = 0;
  ok = 0;
  from?: number;
  to?: number;
  cpuFrom?: number;
  private readonly answered = new Set<object>();

  constructor(
    private readonly connections: number,
    private readonly warmupEnds: number,
    private readonly serverPid: number,
    private readonly onStart: () => void,
  ) {}

  record(client: object, statusCode: number, latencyMs: number): void {
    this.statusCodes[statusCode] = (this.statusCodes[statusCode] ?? 0) + 1;
    this.answered.add(client);
    const now = Date.now();
    if (this.from === undefined) {
      if (now < this.warmupEnds || this.answered.size < this.connections) return;
      this.from = now;
      this.cpuFrom = cpuMs(this.serverPid);
      this.onStart();
      return;
    }
    this.to = now;
    this.responses += 1;
    if (statusCode < 200 || statusCode >= 300) return;
    this.ok += 1;
    this.latencies.push(latencyMs);
  }

  outcome(result: autocannon.Result): LoadOutcome {
    const cpuTo = cpuMs(this.serverPid);
    const seconds = this.from !== undefined && this.to !== undefined ? (this.to - this.from) / 1000 : 0;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
    return {
      requestsPerSecond: seconds > 0 ? this.ok / seconds : Number.NaN,
      p50Ms: percentile(0.5),
      p99Ms: percentile(0.99),
      non2xx: result.non2xx,
      errors: result.errors,
      // A run whose connections never all answered measured nothing: that is an error too.
      neverMeasured: this.from === undefined,
      statusCodes: this.statusCodes,
      serverCpuMsPerRequest:
        this.cpuFrom !== undefined && cpuTo !== undefined && this.responses > 0 ? (cpuTo - this.cpuFrom) / this.responses : undefined,
    };
  }
}

let keys = 0;
/** Each request's own key, unique across runs and bench processes. */
const nextKey = () => `bench-${process.pid}-${++keys}`;

function measure({ url, serverPid, warmupSeconds }: LoadPlan, cell: LoadCell): Promise<LoadOutcome> {
  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
  const bodies = cell.bodies ?? ['{}'];
  const headers = cell.method === 'POST' ? JSON_HEADERS : {};
  return new Promise((resolve, reject) => {
    const recorder = new Recorder(cell.connections, Date.now() + warmupSeconds * 1000, serverPid, () =>
      setTimeout(() => instance.stop(), cell.seconds * 1000),
    );
    // The callback form answers the instance, whose 'response' events carry each request's latency.
    const instance = autocannon(
      {
        url,
        connections: cell.connections,
        // An upper bound: the recorder stops the run once it has measured for the cell's seconds.
        duration: warmupSeconds + MAX_RAMP_SECONDS + cell.seconds,
        // autocannon notices a stop() at its next sample: make that within 0.1 s, not 1 s.
        sampleInt: 100,
        requests: [
          {
            method: cell.method,
            path: cell.paths[0],
            headers,
            body: cell.method === 'POST' ? bodies[0] : undefined,
            // Called before every request: spreads the load over all the paths (and bodies).
            setupRequest: (request) => ({
              ...request,
              path: pick(cell.paths),
              ...(cell.method === 'POST' && { body: pick(bodies) }),
              ...(cell.idempotencyKeys && { headers: { ...headers, 'idempotency-key': nextKey() } }),
            }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(recorder.outcome(result))),
    );
    instance.on('response', (client: object, statusCode: number, _bytes: number, latencyMs: number) => recorder.record(client, statusCode, latencyMs));
  });
}

/** User + system CPU time of a process so far, from /proc (Linux, whose clock ticks are 10 ms). */
function cpuMs(pid: number): number | undefined {
  try {
    // utime and stime are the 14th and 15th fields; counting starts again after "(command) ".
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

runAsWorker(async ({ planFile }: { planFile: string }): Promise<LoadOutcome[]> => {
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as LoadPlan;
  const outcomes: LoadOutcome[] = [];
  for (const cell of plan.cells) outcomes.push(await measure(plan, cell));
  return outcomes;
});
