import { resolve } from 'node:path';
import { runAsWorker } from '../support/child';
import { PROJECT_ROOT } from '../support/paths';

export interface SliceCost {
  slice: string;
  ms: number;
  rssMb: number;
  heapMb: number;
}

const dist = (file: string) => resolve(PROJECT_ROOT, 'dist', file);

/**
 * Loads what the service loads before it builds the app, in its order (dist/app.load-order.js),
 * and what each step added in time, resident memory and V8 heap; then, separately, what the
 * OpenTelemetry SDK would add (loaded by the service only when tracing is on).
 */
async function measure(): Promise<SliceCost[]> {
  const costs: SliceCost[] = [];
  const step = async (slice: string, load: () => Promise<unknown>) => {
    global.gc?.();
    const before = { at: performance.now(), ...process.memoryUsage() };
    await load();
    const after = process.memoryUsage();
    costs.push({ slice, ms: performance.now() - before.at, rssMb: (after.rss - before.rss) / 2 ** 20, heapMb: (after.heapUsed - before.heapUsed) / 2 ** 20 });
  };
  costs.push({ slice: 'node itself', ms: performance.now(), rssMb: process.memoryUsage().rss / 2 ** 20, heapMb: process.memoryUsage().heapUsed / 2 ** 20 });
  // Imported from dist/ at run time (not from the sources): what `node dist/main.js` loads.
  await step('environment validation (class-validator)', async () =>
    ((await import(dist('config/environment.js'))) as { validateEnvironment(env: object): unknown }).validateEnvironment({}),
  );
  const { APP_LOAD_ORDER } = (await import(dist('app.load-order.js'))) as { APP_LOAD_ORDER: string[] };
  for (const specifier of APP_LOAD_ORDER) await step(specifier, () => import(specifier.startsWith('.') ? dist(specifier) : specifier));
  await step('@opentelemetry/sdk-node (tracing on only)', () => import('@opentelemetry/sdk-node'));
  return costs;
}

runAsWorker(measure);
