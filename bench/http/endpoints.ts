import { BENCH_CRUD_COUNTERS } from '../../src/bench-baselines/bench-crud-counter.entity';

/** An endpoint under load, and the paths that spread it over `counters` counters. */
export interface Endpoint {
  label: string;
  method: 'GET' | 'POST';
  paths(counterIds: string[], counters: number): string[];
  /** Every request carries a new `Idempotency-Key` (so each is executed, none replayed). */
  idempotencyKeys?: boolean;
}

const firstIds = (counterIds: string[], counters: number) => counterIds.slice(0, counters);

export const INCREMENT: Endpoint = {
  label: 'ours: `POST /counters/:id/increment`',
  method: 'POST',
  paths: (ids, counters) => firstIds(ids, counters).map((id) => `/counters/${id}/increment`),
};

/** The same requests as INCREMENT, in a run of their own right beside each INCREMENT_WITH_KEY run, so a pair meets the same machine. */
export const INCREMENT_PAIRED: Endpoint = { ...INCREMENT, label: 'ours without a key (paired run)' };
export const INCREMENT_WITH_KEY: Endpoint = { ...INCREMENT, label: 'ours with a new `Idempotency-Key` per request', idempotencyKeys: true };

export const CRUD_INCREMENT: Endpoint = {
  label: 'CRUD: `POST /bench/crud-counters/:id/increment`',
  method: 'POST',
  paths: (_ids, counters) => {
    if (counters > BENCH_CRUD_COUNTERS) throw new Error(`the CRUD baseline has only ${BENCH_CRUD_COUNTERS} rows`);
    return Array.from({ length: counters }, (_, i) => `/bench/crud-counters/${i + 1}/increment`);
  },
};

export const BARE_POST: Endpoint = { label: 'bare: `POST /bench/bare`', method: 'POST', paths: () => ['/bench/bare'] };

export const READ_COUNTER: Endpoint = {
  label: 'ours: `GET /counters/:id`',
  method: 'GET',
  paths: (ids, counters) => firstIds(ids, counters).map((id) => `/counters/${id}`),
};

export const BARE_GET: Endpoint = { label: 'bare: `GET /bench/bare`', method: 'GET', paths: () => ['/bench/bare'] };
