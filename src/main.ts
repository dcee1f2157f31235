// Nothing heavy is imported here: the port answers /health/live before NestJS, TypeORM and the
// app's modules load (see src/operations/start-up/early-server.ts), which is most of the start-up.
import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { APP_LOAD_ORDER } from './app.load-order';
import { earlyPort } from './operations/start-up/early-port';
import { EarlyServer, listenEarly, PortInUseError } from './operations/start-up/early-server';
import { answerWaitingRequests, loadInSlices } from './operations/start-up/load-in-slices';
import { startupTimeline } from './operations/start-up/startup-timeline';
import { startTracing } from './observability/tracing/tracing-sdk';

// V8's defaults trade memory for fewer collections: the young generation doubles (up to 2 × 16 MB)
// whenever much of it survives, as loading the app does, and stays resident once grown; and after
// a full collection the old generation may grow to up to 4x what survived before the next one.
// Measured under the HTTP bench's load: peak RSS ~260 MB → ~140 MB with both held, with no CPU cost
// per request distinguishable from noise (bench: the start-up and HTTP suites of docs/BENCHMARKS.md).
// Set here, before the app allocates, because `node dist/main.js` is the start command (no flags).
setFlagsFromString('--semi-space-growth-factor=1');
setFlagsFromString('--heap-growing-percent=50');

async function bootstrap(): Promise<void> {
  // The port first (unless PORT itself is wrong): validation loads class-validator, which takes a while.
  const port = earlyPort(process.env);
  let early: EarlyServer | undefined = port === undefined ? undefined : await listenEarly(port);
  startupTimeline.mark('portOpen');
  await answerWaitingRequests();
  // Then validate before the app starts, so a bad setting ends the process with one clear message.
  const { validateEnvironment } = await import('./config/environment');
  const settings = validateEnvironment(process.env);
  startupTimeline.mark('environmentValidated');
  early ??= await listenEarly(settings.PORT);
  // Before the app's modules load: spans need the SDK's context manager from the first request on.
  await startTracing(process.env);
  await loadInSlices((specifier) => import(specifier), APP_LOAD_ORDER);
  startupTimeline.mark('modulesLoaded');
  const { startApp } = await import('./app.start');
  await startApp(settings, early);
}

bootstrap().catch(async (error: unknown) => {
  // Imported here, on failure only: they load class-validator and the SQLite driver.
  const { InvalidEnvironmentError } = await import('./config/environment');
  const { DatabaseHeldError } = await import('./database/sqlite-writer-lock');
  const oneLine = error instanceof InvalidEnvironmentError || error instanceof PortInUseError || error instanceof DatabaseHeldError;
  console.error(oneLine ? error.message : error);
  process.exit(1);
});
