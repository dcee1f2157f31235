import type { BenchSuite } from '../support/suite';

export const httpSuite: BenchSuite = {
  name: 'http',
  run: () => Promise.reject(new Error('the http suite is not written yet')),
};
