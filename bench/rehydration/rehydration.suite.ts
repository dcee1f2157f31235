import type { BenchSuite } from '../support/suite';

export const rehydrationSuite: BenchSuite = {
  name: 'rehydration',
  run: () => Promise.reject(new Error('the rehydration suite is not written yet')),
};
