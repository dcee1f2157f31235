import fc from 'fast-check';

/** A request a client might send: valid or not, the service must answer it with less than 500. */
export interface RawRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** Sent as is, with Content-Type: application/json unless a header says otherwise. */
  body?: string;
}

const numberText = fc.oneof(
  fc.integer({ min: -5, max: 1000 }).map(String),
  fc.constantFrom('1e300', '99999999999999999999', '2147483648', '9007199254740993', '0x10', ' 5', '-0', 'NaN', 'Infinity', '', '1.5', '%00', 'abc'),
  fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String),
);
const instantText = fc.oneof(
  fc.date({ min: new Date(-62_198_755_200_000), max: new Date(253_402_300_799_000), noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom('0000-01-01', '9999-12-31T23:59:59-14:00', '2026-02-30', '2026-13-01', '+275760-09-13T00:00:00Z', '1e300', ''),
  fc.string({ maxLength: 30 }),
);
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.constantFrom('a\u0000b', '\ud800', 'a\uFE0F'.repeat(100), '😀'.repeat(101)));
const ifMatch = fc.oneof(
  fc.constantFrom('W/"1"', '"1', '1', '*', '*, "1"', '"1", W/"2"', '""', ',', 'W/', '"1" "2"'),
  fc.string({ unit: fc.constantFrom('"', 'W', '/', ',', ' ', '1', '2', '*'), maxLength: 12 }),
);
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype');

function nestedJson(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Raw JSON bodies no route takes: hostile keys, deep or wide shapes, text the storage refuses, junk. */
const badBody = fc.oneof(
  fc.tuple(hostileKey, fc.integer({ min: 0, max: 3 })).map(([key, depth]) => '{"a":'.repeat(depth) + `{"${key}":{"by":5}}` + '}'.repeat(depth)),
  fc.integer({ min: 33, max: 3000 }).map(nestedJson),
  fc.integer({ min: 101, max: 1500 }).map((n) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])))),
  fc.integer({ min: 17_000, max: 40_000 }).map((n) => JSON.stringify({ name: 'x'.repeat(n) })),
  fc.constantFrom('{"name":"a\\u0000"}', '{"name":"\\ud800"}', '{"by":"5"}', '{"by":1e300}', '{"by":-1}', '{"by":1.5}', '{"name":', 'null', '[]', '"x"', '{"by":{}}'),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
);

/** An index into the counters made so far, or a malformed or unknown id (negative). */
const counterRef = fc.integer({ min: -3, max: 1000 });
const verb = fc.constantFrom('increment', 'decrement', 'reset');
const BAD_IDS = ['not-a-uuid', '%00', '00000000-0000-4000-8000-000000000000'];

/**
 * Requests as a careless or hostile client sends them: mostly invalid, some valid by chance (an
 * empty body is a valid increment). Counters are named by index into the ids the run has made.
 */
export const anyRequest: fc.Arbitrary<(ids: string[]) => RawRequest> = fc.oneof(
  fc.tuple(badBody).map(([body]) => () => post('/counters', body)),
  fc.tuple(text).map(([name]) => () => post('/counters', JSON.stringify({ name }))),
  fc.tuple(counterRef, verb, badBody).map(([ref, action, body]) => (ids: string[]) => post(`/counters/${pick(ids, ref)}/${action}`, body)),
  fc.tuple(counterRef, verb, ifMatch).map(([ref, action, header]) => (ids: string[]) => ({ ...post(`/counters/${pick(ids, ref)}/${action}`, '{}'), headers: { 'If-Match': header } })),
  fc.tuple(fc.constantFrom('offset', 'limit', 'minPosition'), numberText).map(([name, value]) => () => get(`/counters?${name}=${encodeURIComponent(value)}`)),
  fc.tuple(fc.constantFrom('after', 'limit', 'streamId', 'type'), numberText).map(([name, value]) => () => get(`/events?${name}=${encodeURIComponent(value)}`)),
  fc.tuple(counterRef, numberText).map(([ref, value]) => (ids: string[]) => get(`/counters/${pick(ids, ref)}/state?version=${encodeURIComponent(value)}`)),
  fc.tuple(counterRef, instantText).map(([ref, value]) => (ids: string[]) => get(`/counters/${pick(ids, ref)}/state?at=${encodeURIComponent(value)}`)),
  // Only values the live feed refuses: a valid one would stream forever.
  fc.constantFrom('1e300', '-1', 'x', '99999999999999999999').map((value) => () => get(`/events/live?after=${encodeURIComponent(value)}`)),
  fc.tuple(hostileKey).map(([key]) => () => get(`/counters?${key}=1`)),
);


function pick(ids: string[], ref: number): string {
  return ref < 0 || ids.length === 0 ? BAD_IDS[Math.abs(ref) % BAD_IDS.length] : ids[ref % ids.length];
}

function post(path: string, body: string): RawRequest {
  return { method: 'POST', path, body };
}

function get(path: string): RawRequest {
  return { method: 'GET', path };
}
