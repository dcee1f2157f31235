import type { BenchSuite } from '../support/suite';

export const postgresSuite: BenchSuite = {
  name: 'postgres',
  run: () => Promise.reject(new Error('the postgres suite is not written yet')),
};
