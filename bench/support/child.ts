import { fork } from 'node:child_process';
import { extname, resolve } from 'node:path';

/** What a worker sends back: its own result plus the process's peak resident memory. */
export interface WorkerOutput<R> {
  result: R;
  peakRssBytes: number;
}

// `npm run bench` runs the bench compiled (as production runs dist/), so no worker carries a
// TypeScript compiler in its memory; run from its sources, workers go through ts-node too.
const RUNNING_COMPILED = extname(__filename) === '.js';

/**
 * Runs `bench/<script>` (named by its .ts source) in a fresh Node process, so each measurement
 * starts with a cold heap and its peak RSS is its own. The worker calls `runAsWorker`.
 */
export function runWorker<A, R>(script: string, args: A, nodeFlags: string[] = []): Promise<WorkerOutput<R>> {
  return new Promise((done, fail) => {
    const file = resolve(__dirname, '..', RUNNING_COMPILED ? script.replace(/\.ts$/, '.js') : script);
    const child = fork(file, [JSON.stringify(args)], {
      execArgv: [...(RUNNING_COMPILED ? [] : ['-r', 'ts-node/register/transpile-only']), ...nodeFlags],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let output: WorkerOutput<R> | undefined;
    child.on('message', (message) => (output = message as WorkerOutput<R>));
    child.on('error', fail);
    child.on('exit', (code) => {
      if (code === 0 && output) done(output);
      else fail(new Error(`bench worker ${script} exited with code ${code}`));
    });
  });
}

/** The worker side of `runWorker`: parses its arguments, runs, reports, exits. */
export function runAsWorker<A, R>(work: (args: A) => Promise<R>): void {
  const args = JSON.parse(process.argv[2] ?? '{}') as A;
  work(args)
    .then((result) => {
      // maxRSS is in kilobytes.
      const output: WorkerOutput<R> = { result, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
      process.send!(output, () => process.exit(0));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
