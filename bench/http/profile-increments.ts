/**
 * A CPU profile of the command path alone: the built app under `--cpu-prof`, 1,000 counters, then
 * only `POST /counters/:id/increment` (10 connections), so that nothing else the HTTP suite loads
 * shares the profile. Build first (`npm run build && npx tsc -p bench/tsconfig.json`), then:
 *
 *   node .bench-build/bench/http/profile-increments.js [seconds] [connections] [FULL|NORMAL] [profile]
 *
 * It first prints the ratio to the bare endpoint (two runs each, interleaved, on a server without
 * the profiler); with `profile`, it then profiles a fresh server.
 *   node .bench-build/bench/support/profile-summary.js .bench-tmp/profiles/increments/<file>
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/paths';
import { startAppServer } from './app-server';
import { BARE_POST, INCREMENT } from './endpoints';
import { runLoad } from './load';
import { seedCounters } from './seed-counters';

async function main(seconds: number, connections: number, synchronous: 'FULL' | 'NORMAL', profile: boolean): Promise<void> {
  const tmpDir = join(PROJECT_ROOT, '.bench-tmp');
  const profiles = join(tmpDir, 'profiles', 'increments');
  mkdirSync(profiles, { recursive: true });
  // The ratio first, on a server without the profiler, then the profile on a fresh one.
  const plain = await startAppServer({ tmpDir, synchronous, nodeFlags: [] });
  const ids = await seedCounters(plain.url, 1000);
  const cells = [BARE_POST, INCREMENT, BARE_POST, INCREMENT].map((endpoint) => ({
    method: endpoint.method,
    paths: endpoint.paths(ids, 1000),
    connections,
    seconds,
  }));
  const outcomes = await runLoad({ url: plain.url, serverPid: plain.pid, cells, warmupSeconds: 1 }, tmpDir);
  await plain.stop();
  const rate = (i: number) => (outcomes[i].requestsPerSecond + outcomes[i + 2].requestsPerSecond) / 2;
  const cpu = (i: number) => ((outcomes[i].serverCpuMsPerRequest ?? NaN) + (outcomes[i + 2].serverCpuMsPerRequest ?? NaN)) / 2;
  console.log(`bare ${rate(0).toFixed(0)} req/s, ${cpu(0).toFixed(3)} ms CPU; increments ${rate(1).toFixed(0)} req/s, ${cpu(1).toFixed(3)} ms CPU`);
  console.log(`increments / bare: ${((rate(1) / rate(0)) * 100).toFixed(0)}% of requests/s, ${(cpu(1) / cpu(0)).toFixed(2)}x CPU per request`);
  if (!profile) return;
  const profiled = await startAppServer({ tmpDir, synchronous, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profiles}`] });
  const profiledIds = await seedCounters(profiled.url, 1000);
  const cell = { method: INCREMENT.method, paths: INCREMENT.paths(profiledIds, 1000), connections, seconds };
  await runLoad({ url: profiled.url, serverPid: profiled.pid, cells: [cell], warmupSeconds: 1 }, tmpDir);
  await profiled.stop();
  console.log(`profiles in ${profiles}: ${readdirSync(profiles).join(', ')}`);
}

const [seconds = '10', connections = '10', synchronous = 'FULL', profile] = process.argv.slice(2);
void main(Number(seconds), Number(connections), synchronous as 'FULL' | 'NORMAL', profile === 'profile');
