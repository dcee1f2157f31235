import type { BenchContext, BenchSection, BenchSuite } from '../support/suite';
import { describeIdempotencyCost, idempotencyProbes } from './idempotency-cost';
import { measureOnServer } from './measure-on-server';

/** The cost of `Idempotency-Key` on increments, on a server of its own (SQLite, synchronous=FULL). */
export const idempotencySuite: BenchSuite = {
  name: 'idempotency',
  async run(context: BenchContext): Promise<BenchSection> {
    context.log('idempotency: SQLite, synchronous=FULL');
    const { measured } = await measureOnServer(context, { synchronous: 'FULL' }, idempotencyProbes());
    const { markdown, headlines } = describeIdempotencyCost(measured);
    return { title: 'The cost of `Idempotency-Key` (SQLite)', markdown, headlines };
  },
};
