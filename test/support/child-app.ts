import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

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

/**
 * The real service in its own process, as `npm start` runs it but without a build step
 * (ts-node, transpile only). Resolves once it answers HTTP, unless `answering: false`.
 * `preload`: test modules loaded before the app (`node -r`), to inject a fault.
 */
export async function spawnApp(env: Record<string, string>, { answering = true, preload = [] as string[] } = {}): Promise<ChildApp> {
  const port = await freePort();
  const preloads = preload.flatMap((file) => ['-r', file]);
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', ...preloads, join(root, 'src', 'main.ts')], {
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

/** Resolves once the app answers HTTP; kills it and fails with its output if it exits or takes too long. */
export async function untilAnswering(app: ChildApp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (app.process.exitCode !== null) throw new Error(`the app exited with ${app.process.exitCode}:\n${app.output()}`);
    if (Date.now() > deadline) {
      await app.kill();
      throw new Error(`the app did not answer within ${timeoutMs / 1000} s:\n${app.output()}`);
    }
    const up = await fetch(`${app.url}/counters?limit=1`).then((r) => r.ok, () => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
