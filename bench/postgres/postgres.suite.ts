import { measureCommandThroughput } from '../http/command-throughput';
import type { BenchSuite } from '../support/suite';
import { measurePostgresStore } from './postgres-store';

const DATABASE_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** W1, W2 and command throughput over HTTP against the local PostgreSQL server. */
export const postgresSuite: BenchSuite = {
  name: 'postgres',
  async run(context) {
    const store = await measurePostgresStore(context);
    const http = await measureCommandThroughput(context, { databaseUrl: DATABASE_URL, label: 'PostgreSQL' });
    return {
      title: 'PostgreSQL',
      markdown: [store.markdown, http.markdown].join('\n\n'),
      headlines: [...store.headlines, ...http.headlines],
    };
  },
};
