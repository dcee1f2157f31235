import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWorker } from '../support/child';
import { count, millis } from '../support/stats';

/** One autocannon run: `connections` clients looping on requests to `paths`, each picked at random. */
export interface LoadCell {
  method: 'GET' | 'POST';
  paths: string[];
  connections: number;
  seconds: number;
  /** Sent with every request (credentials, for the auth suite). */
  headers?: Record<string, string>;
  /** POST bodies, each request picks one at random (default: `{}` for every POST). */
  bodies?: string[];
  /** Send a new Idempotency-Key with every request. */
  idempotencyKeys?: boolean;
}

export interface LoadOutcome {
  /** Successful (2xx) responses per second. */
  requestsPerSecond: number;
  /** Latency of 2xx responses, in milliseconds. */
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  /** Not every connection got an answer before the run ended: nothing was measured. */
  neverMeasured: boolean;
  /** Every status code seen, with its count. */
  statusCodes: Record<string, number>;
  /** The server's CPU time (user + system) per response after the warm-up; absent where /proc is not. */
  serverCpuMsPerRequest?: number;
}

export interface LoadPlan {
  url: string;
  /** The server's process, whose CPU time each run reads (Linux). */
  serverPid: number;
  cells: LoadCell[];
  warmupSeconds: number;
}

/**
 * Runs every cell, one after another, from a separate Node process: the load generator then has
 * its own event loop and heap, and the bench runner stays idle while the server is measured.
 */
export async function runLoad(plan: LoadPlan, tmpDir: string): Promise<LoadOutcome[]> {
  // Through a file: a thousand paths per cell are too long for a command line.
  const planFile = join(tmpDir, `load-plan-${Date.now()}.json`);
  writeFileSync(planFile, JSON.stringify(plan));
  return (await runWorker<{ planFile: string }, LoadOutcome[]>('http/load.worker.ts', { planFile })).result;
}

/** "1.25 ms", or "—" where the server's CPU time could not be read. */
export function cpuPerRequest(outcome: LoadOutcome): string {
  return outcome.serverCpuMsPerRequest === undefined ? '—' : `${outcome.serverCpuMsPerRequest.toFixed(2)} ms`;
}

/** A non-2xx response or a connection error makes a run's numbers suspect. */
export function hasErrors(outcome: LoadOutcome): boolean {
  return outcome.non2xx > 0 || outcome.errors > 0 || outcome.neverMeasured;
}

/** "none", or what went wrong: "409 x 3, 2 connection errors". */
export function describeErrors(outcome: LoadOutcome): string {
  if (!hasErrors(outcome)) return 'none';
  const statuses = Object.entries(outcome.statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, n]) => `${code} x ${n}`);
  if (outcome.errors > 0) statuses.push(`${outcome.errors} connection errors`);
  if (outcome.neverMeasured) statuses.push('not every connection was answered: nothing measured');
  return `**${statuses.join(', ')}**`;
}

/** The cells every load table shows for one run: requests/s, p50, p99, server CPU per request, errors. */
export function outcomeCells(outcome: LoadOutcome): string[] {
  return [count(outcome.requestsPerSecond), millis(outcome.p50Ms), millis(outcome.p99Ms), cpuPerRequest(outcome), describeErrors(outcome)];
}
