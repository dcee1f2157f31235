import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '../support/free-port';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECT_ROOT } from '../support/paths';

const MAIN = resolve(PROJECT_ROOT, 'dist', 'main.js');
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export interface AppServerOptions {
  /** A PostgreSQL URL; absent: a fresh SQLite file in `tmpDir`. */
  databaseUrl?: string;
  tmpDir: string;
  /** SQLite only. */
  synchronous: 'FULL' | 'NORMAL';
  nodeFlags: string[];
  /** Settings over the defaults below (logging, metrics, tracing). */
  env?: Record<string, string>;
}

export interface AppServer {
  url: string;
  pid: number;
  /** SIGTERM, so Nest's shutdown hooks run and a `--cpu-prof` profile is written. */
  stop(): Promise<void>;
}

/** The built app (`node dist/main.js`), as it ships, with the bench baselines switched on. */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the app first (npx nest build), or run \`npm run bench\`, which does`);
  const port = await freePort();
  const databaseUrl = options.databaseUrl ?? `sqlite:${join(options.tmpDir, `http-${port}.db`)}`;
  const child = spawn(process.execPath, [...options.nodeFlags, MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SQLITE_SYNCHRONOUS: options.synchronous,
      BENCH_BASELINES: 'true',
      RUN_PROJECTIONS: 'true',
      LOG_LEVEL: 'warn',
      // The bench loads one server from one address far past the default per-caller limits.
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_READS_PER_MINUTE: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(chunk.toString()) > 50 && output.shift();
  child.stdout!.on('data', keep);
  child.stderr!.on('data', (chunk: Buffer) => {
    keep(chunk);
    process.stderr.write(chunk); // warnings and errors during a run belong in the bench's log
  });
  // Should the bench itself die, it must not leave a server behind.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      process.off('exit', orphanGuard);
      done(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(url, child, exited);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output.join('')}`, { cause: error });
  }
  return { url, pid: child.pid!, stop: () => stop(child, exited) };
}

/** Until the app itself answers: while it starts, the port answers /health/live but anything else 503 "Starting up". */
async function waitUntilServing(url: string, child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  let ended = false;
  void exited.then(() => (ended = true));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (ended) throw new Error(`the app exited with code ${child.exitCode} before it served HTTP`);
    if (await appServing(url)) return;
    await sleep(100);
  }
  throw new Error(`the app did not serve HTTP within ${START_TIMEOUT_MS / 1000} s`);
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

export async function appServing(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`);
    return response.status !== 503 || ((await response.json()) as { message?: string }).message !== 'Starting up';
  } catch {
    return false;
  }
}
