import type { BenchSuite } from '../support/suite';

export const rebuildSuite: BenchSuite = {
  name: 'rebuild',
  run: () => Promise.reject(new Error('the rebuild suite is not written yet')),
};
