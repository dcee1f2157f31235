/**
 * What profiling (`--cpu-prof` on the rebuild worker, self time summed by function) showed while
 * this bench was written, printed under the tables when a target is missed.
 */
export const BOTTLENECKS = {
  grouped:
    '**Where a grouped rebuild spends its time** (profile of 1,000,000 events): ~43% reading and parsing the log ' +
    '(`readAll` and `toStoredEvent`: the rows, two `JSON.parse` and a `Date` per event), ~26% TypeORM (per batch of 500: ' +
    'the `findBy` of the touched rows, the `upsert`, the checkpoint update and the commit), ~14% the view\'s own fold ' +
    '(mostly one `toISOString` per event), the rest deserializing and GC. A `--quick` run is short enough for the JIT ' +
    'warm-up to weigh too. What would remove it: not parsing metadata the view never reads, larger batches while ' +
    'rebuilding (the per-batch statements amortized over more events), and `updatedAt` formatted once per row, not per event.',
  interleaved:
    '**Why an interleaved rebuild is slower**: when a batch of 500 events touches ~500 counters, ~75% of the time goes ' +
    'to TypeORM building and running the view\'s two statements per batch: a `findBy` of up to 500 ids and an `upsert` of ' +
    'up to 500 rows (3,000 parameters, which TypeORM names, checks and substitutes one by one: `hasParameter`, ' +
    '`getParameters`, `escapeQueryWithParameters`). Splitting the upsert into smaller ones does not help (tried). What would ' +
    'remove it: the view written through prepared statements on the driver (as the event store does), or, while ' +
    'rebuilding, a larger range folded in memory so that each row is written once per range.',
  rss:
    '**Peak RSS**: beyond what the booted app holds (see above), it is garbage V8 lets accumulate before a full GC, a few ' +
    'times the live heap. What would lower it: allocating less per event (see the time profile).',
};
