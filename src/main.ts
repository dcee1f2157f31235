// Nothing heavy is imported here: the port answers /health/live before NestJS, TypeORM and the
// app's modules load (see src/operations/start-up/early-server.ts), which is most of the start-up.
import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { APP_LOAD_ORDER } from './app.load-order';
import { InvalidEnvironmentError, validateEnvironment } from './config/environment';
import { listenEarly, PortInUseError } from './operations/start-up/early-server';
import { loadInSlices } from './operations/start-up/load-in-slices';
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
  // Validate before anything starts, so a bad setting ends the process with one clear message.
  const settings = validateEnvironment(process.env);
  startupTimeline.mark('environmentValidated');
  // Before the app's modules load: spans need the SDK's context manager from the first request on.
  await startTracing(process.env);
  const early = await listenEarly(settings.PORT);
  startupTimeline.mark('portOpen');
  await loadInSlices((specifier) => import(specifier), APP_LOAD_ORDER);
  startupTimeline.mark('modulesLoaded');
  const { startApp } = await import('./app.start');
  await startApp(settings, early);
}

bootstrap().catch(async (error: unknown) => {
  // Imported here, on failure only: it loads the SQLite driver.
  const { DatabaseHeldError } = await import('./database/sqlite-writer-lock');
  const oneLine = error instanceof InvalidEnvironmentError || error instanceof PortInUseError || error instanceof DatabaseHeldError;
  console.error(oneLine ? error.message : error);
  process.exit(1);
});
