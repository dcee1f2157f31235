// Nothing heavy is imported here: the port answers /health/live before NestJS, TypeORM and the
// app's modules load (see src/operations/start-up/early-server.ts), which is most of the start-up.
import 'reflect-metadata';
import { APP_LOAD_ORDER } from './app.load-order';
import { InvalidEnvironmentError, validateEnvironment } from './config/environment';
import { listenEarly, PortInUseError } from './operations/start-up/early-server';
import { loadInSlices } from './operations/start-up/load-in-slices';
import { startupTimeline } from './operations/start-up/startup-timeline';
import { startTracing } from './observability/tracing/tracing-sdk';

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
