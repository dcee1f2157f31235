import type { Parameters as PropertyParameters } from 'fast-check';

/**
 * fast-check settings shared by the property suites: a seed printed before the run (fast-check also
 * prints it, with the path, in a failure), so `FC_SEED=<seed> npx jest <file>` replays a failure;
 * `FC_RUNS` runs more cases locally. The defaults keep every suite to seconds in CI.
 */
export function propertyParameters<T>(suite: string, numRuns = 40): PropertyParameters<T> {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
  console.log(`${suite}: fast-check seed ${seed} (replay: FC_SEED=${seed})`);
  return { seed, numRuns: process.env.FC_RUNS ? Number(process.env.FC_RUNS) : numRuns };
}
