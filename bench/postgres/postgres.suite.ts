import { measureCommandThroughput } from '../http/command-throughput';
import type { BenchSuite } from '../support/suite';
import { withFreshDatabase } from './postgres-server';
import { measurePostgresStore } from './postgres-store';

/** W1, W2 and command throughput over HTTP against the local PostgreSQL server. */
export const postgresSuite: BenchSuite = {
  name: 'postgres',
  async run(context) {
    const store = await measurePostgresStore(context);
    if (store.headlines.length === 0) return { title: 'PostgreSQL', markdown: store.markdown, headlines: [] }; // no server
    const http = await withFreshDatabase(`chronicle_bench_${process.pid}_http`, (databaseUrl) =>
      measureCommandThroughput(context, { databaseUrl, label: 'PostgreSQL' }),
    );
    return {
      title: 'PostgreSQL',
      markdown: [store.markdown, http.markdown].join('\n\n'),
      headlines: [...store.headlines, ...http.headlines],
    };
  },
};
