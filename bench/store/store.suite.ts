import type { BenchSuite } from '../support/suite';

export const storeSuite: BenchSuite = {
  name: 'store',
  run: () => Promise.reject(new Error('the store suite is not written yet')),
};
