import type { BenchContext } from '../support/suite';
import { AppServerOptions, startAppServer } from './app-server';
import { findProfile } from './cpu-profile';
import type { Endpoint } from './endpoints';
import { LoadOutcome, runLoad } from './load';
import { seedCounters } from './seed-counters';
import { peakRssMb } from './server-memory';

/** The most counters any probe spreads over: the 1,000 of the issue. */
export const MAX_COUNTERS = 1000;

export interface Probe {
  endpoint: Endpoint;
  counters: number;
  connections: number;
}

export interface Measured extends Probe {
  outcome: LoadOutcome;
}

export interface ServerRun {
  measured: Measured[];
  /** The server's `.cpuprofile`, when the bench runs with --cpu-prof. */
  profileFile?: string;
  /** The server's peak RSS over the whole run, in MB (Linux only). */
  peakRssMb?: number;
}

/**
 * One server on a fresh database: seeds the counters, puts it under each probe's load in turn
 * (full run: 1 s of warm-up, then 6 s measured once every connection has been answered; --quick: 0.5 s and 1 s), then stops it.
 */
export async function measureOnServer(
  context: BenchContext,
  server: Omit<AppServerOptions, 'tmpDir' | 'nodeFlags'>,
  probes: Probe[],
): Promise<ServerRun> {
  const app = await startAppServer({ ...server, tmpDir: context.tmpDir, nodeFlags: context.nodeFlags });
  let measured: Measured[];
  let peakMb: number | undefined;
  try {
    const counterIds = await seedCounters(app.url, MAX_COUNTERS);
    context.log(`http: server up and ${MAX_COUNTERS} counters created; ${probes.length} runs of load`);
    const outcomes = await runLoad({
      url: app.url,
      serverPid: app.pid,
      warmupSeconds: context.quick ? 0.5 : 1,
      cells: probes.map(({ endpoint, counters, connections }) => ({
        method: endpoint.method,
        paths: endpoint.paths(counterIds, counters),
        idempotencyKeys: endpoint.idempotencyKeys,
        connections,
        seconds: context.quick ? 1 : 6,
      })),
    }, context.tmpDir);
    measured = probes.map((probe, i) => ({ ...probe, outcome: outcomes[i] }));
  } finally {
    peakMb = peakRssMb(app.pid);
    await app.stop();
  }
  const profileDir = profileDirOf(context.nodeFlags);
  return { measured, profileFile: profileDir ? findProfile(profileDir, app.pid) : undefined, peakRssMb: peakMb };
}

function profileDirOf(nodeFlags: string[]): string | undefined {
  return nodeFlags.find((flag) => flag.startsWith('--cpu-prof-dir='))?.slice('--cpu-prof-dir='.length);
}

/** The outcome of one probe. */
export function outcomeOf(measured: Measured[], endpoint: Endpoint, counters: number, connections: number): LoadOutcome | undefined {
  return measured.find((m) => m.endpoint === endpoint && m.counters === counters && m.connections === connections)?.outcome;
}
