import { authSuite } from './auth/auth.suite';
import { httpSuite } from './http/http.suite';
import { idempotencySuite } from './http/idempotency.suite';
import { observabilitySuite } from './observability/observability.suite';
import { transfersSuite } from './ledger/transfers.suite';
import { postgresSuite } from './postgres/postgres.suite';
import { rebuildSuite } from './rebuild/rebuild.suite';
import { scaleSuite } from './scale/scale.suite';
import { rehydrationSuite } from './rehydration/rehydration.suite';
import { startupSuite } from './startup/startup.suite';
import { storeSuite } from './store/store.suite';
import type { BenchSuite } from './support/suite';

/** In the order they run and appear in docs/BENCHMARKS.md. */
export const SUITES: BenchSuite[] = [
  storeSuite,
  httpSuite,
  authSuite,
  idempotencySuite,
  observabilitySuite,
  transfersSuite,
  rehydrationSuite,
  rebuildSuite,
  postgresSuite,
  startupSuite,
  scaleSuite,
];
