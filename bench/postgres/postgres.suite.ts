import { measureCommandThroughput } from '../http/command-throughput';
import { withTempPostgresDatabase } from '../../test/support/temp-postgres';
import type { BenchSuite } from '../support/suite';
import { measurePostgresStore } from './postgres-store';

/** W1, W2 and command throughput over HTTP against the local PostgreSQL server. */
export const postgresSuite: BenchSuite = {
  name: 'postgres',
  async run(context) {
    const store = await measurePostgresStore(context);
    if (store.headlines.length === 0) return { title: 'PostgreSQL', markdown: store.markdown, headlines: [] }; // no server
    const http = await withTempPostgresDatabase((databaseUrl) =>
      measureCommandThroughput(context, { databaseUrl, label: 'PostgreSQL' }),
    );
    return {
      title: 'PostgreSQL',
      markdown: [store.markdown, http.markdown].join('\n\n'),
      headlines: [...store.headlines, ...http.headlines],
    };
  },
};
