import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { compiled } from './compiled-build';

const root = join(__dirname, '..', '..');

export interface ChildApp {
  url: string;
  process: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Kills the process with SIGKILL (no shutdown hooks, no flushing) and waits for it to be gone. */
  kill(): Promise<void>;
  /** Asks the process to stop (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

export interface SpawnOptions {
  /** false: return at once, without waiting for the app to serve. */
  answering?: boolean;
  /** Test modules loaded before the app (`node -r`), to inject a fault. */
  preload?: string[];
  /** Run the compiled `dist/main.js` (built first if src/ changed), exactly the start command. */
  built?: boolean;
  /** A given port instead of a free one. */
  port?: number;
}

/**
 * The real service in its own process, as `npm start` runs it but without a build step
 * (ts-node, transpile only) unless `built`. Resolves once the app serves (past start-up).
 */
export async function spawnApp(env: Record<string, string>, { answering = true, preload = [], built = false, port: given }: SpawnOptions = {}): Promise<ChildApp> {
  const port = given ?? (await freePort());
  // ts-node for the sources, and for preloads (TypeScript) even before a compiled app.
  const tsNode = built && preload.length === 0 ? [] : ['-r', 'ts-node/register/transpile-only'];
  const main = built ? compiled('main.js') : join(root, 'src', 'main.ts');
  const child = spawn(process.execPath, [...tsNode, ...preload.flatMap((file) => ['-r', file]), main], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const gone = (signal: NodeJS.Signals) => async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  };
  const app: ChildApp = { url: `http://127.0.0.1:${port}`, process: child, output: () => output, kill: gone('SIGKILL'), stop: gone('SIGTERM') };
  if (answering) await untilAnswering(app);
  return app;
}

/**
 * Resolves once the app itself answers, not the server that answers while it starts (see
 * src/operations/start-up/early-server.ts); kills it and fails with its output if it exits or takes too long.
 */
export async function untilAnswering(app: ChildApp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (app.process.exitCode !== null) throw new Error(`the app exited with ${app.process.exitCode}:\n${app.output()}`);
    if (Date.now() > deadline) {
      await app.kill();
      throw new Error(`the app did not answer within ${timeoutMs / 1000} s:\n${app.output()}`);
    }
    if (await started(app.url)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Whether the app has taken over from the start-up server, which answers anything but /health/live 503 "Starting up". */
export async function started(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`);
    return response.status !== 503 || ((await response.json()) as { message?: string }).message !== STARTING_MESSAGE;
  } catch {
    return false;
  }
}

export const STARTING_MESSAGE = 'Starting up';
