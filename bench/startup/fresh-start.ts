import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { appServing } from '../http/app-server';
import { PROJECT_ROOT } from '../support/paths';

const MAIN = resolve(PROJECT_ROOT, 'dist', 'main.js');
const TIMEOUT_MS = 60_000;

export interface FreshStart {
  /** From spawn to the first 200 of `GET /health/live`, as a client polling without pause sees it. */
  liveMs: number;
  /** From spawn to the first 200 of `GET /health` (readiness: database, storage, projections). */
  readyMs: number;
  /** The phases the service logged (`startupMs`: ms since its process started, per phase). */
  phases: Record<string, number>;
  /** Resident memory a few seconds after readiness, and the peak so far (MB). */
  idleRssMb: number;
  peakRssMb: number;
  /** The first `GET /docs-json`: the OpenAPI document is built on that request, not at start. */
  firstDocsMs: number;
}

/** Spawns `node dist/main.js` on a fresh SQLite file and measures one start-up; stops it after. */
export async function freshStart(tmpDir: string, port: number, idleSeconds: number): Promise<FreshStart> {
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: `sqlite:${join(tmpDir, `start-${port}.db`)}`, LOG_FORMAT: 'json', LOG_LEVEL: 'log' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise((done) => child.once('exit', done));
  try {
    const liveMs = await firstOk(`${url}/health/live`, started, child.pid!);
    const readyMs = await firstOk(`${url}/health`, started, child.pid!);
    if (!(await appServing(url))) throw new Error('ready but still starting?');
    await sleep(idleSeconds * 1000);
    const { rss, hwm } = memoryOf(child.pid!);
    const docsStarted = performance.now();
    await fetch(`${url}/docs-json`).then((response) => response.arrayBuffer());
    return { liveMs, readyMs, phases: phasesIn(stdout), idleRssMb: rss, peakRssMb: hwm, firstDocsMs: performance.now() - docsStarted };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** Asks without pause (each answer or refusal, then again) until a 200. */
async function firstOk(url: string, since: number, pid: number): Promise<number> {
  for (;;) {
    const ok = await fetch(url).then((response) => response.ok, () => false);
    if (ok) return performance.now() - since;
    if (performance.now() - since > TIMEOUT_MS) throw new Error(`no 200 from ${url} within ${TIMEOUT_MS / 1000} s (pid ${pid})`);
    await sleep(1);
  }
}

function phasesIn(stdout: string): Record<string, number> {
  for (const line of stdout.split('\n')) {
    if (!line.includes('"startupMs"')) continue;
    return (JSON.parse(line) as { startupMs: Record<string, number> }).startupMs;
  }
  return {};
}

function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) / 1024;
  return { rss: mb('VmRSS'), hwm: mb('VmHWM') };
}
