/**
 * What profiling (`--cpu-prof` on the rebuild worker, self time summed by function) showed while
 * this bench was written, printed under the tables when a target is missed.
 */
export const BOTTLENECKS = {
  grouped:
    '**Where a grouped rebuild spends its time** (profile of the timed part, 100,000 events): about a quarter in the garbage ' +
    'collector, a quarter reading and parsing the log (`readAll` and `toStoredEvent`: the rows, two `JSON.parse` and a ' +
    '`Date` per event, as the raw fold does), the rest the per-range transaction (fence, checkpoint update and a commit that ' +
    'waits for fsync at synchronous=FULL, once per 2,000 events where the raw fold commits once), deserializing and the ' +
    "view's fold. What would remove more: not parsing metadata the view never reads, and fewer objects per event read.",
  interleaved:
    '**Where an interleaved rebuild spends its time** (profile of the timed part, 100,000 events over 1,000 counters): a ' +
    'range of 2,000 events touches every counter, so each range reads and writes 1,000 rows (`ReadModelTable.getMany`, one ' +
    'statement over a JSON array of keys; `upsert`, one prepared statement run per row): about a quarter of the time, in ' +
    "SQLite's B-tree work more than in the binding. The raw fold writes each row once in all. Larger ranges write fewer rows " +
    'but measured slower: the events of a range then outlive the young generation, and the garbage collector (already a ' +
    'quarter of the time) costs more than the rows saved. What would remove more: folding a range without holding its events ' +
    '(rows kept across batches in memory, written at the end of the range).',
  rss:
    '**Peak RSS**: beyond what the booted app holds (see above), it is garbage V8 lets accumulate before a full GC, a few ' +
    'times the live heap. What would lower it: allocating less per event (see the time profile).',
};
